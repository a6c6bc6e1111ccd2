/**
 * Build-time (server) list of widgets for the embed route, read from the widget folders —
 * NOT by importing registry.ts. Why: a server component that imports the registry reaches every
 * widget's lazy `import('./Widget')`, and Next then preloads all widget chunks (D3, tokenizers…)
 * on the embed pages (measured: 140 → 195 KB gzip first-load). The client frames load one def
 * each through the registry. test/components/widgets/registry.test.ts checks this list equals the registry.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WidgetListing {
  id: string;
  title: string;
  description: string;
  /** `minHeight: <n>` of the def, when it sets one (px reserved while the widget loads). */
  minHeight?: number;
}

/** First `key: '…'` / "…" / `…` string literal in a widget's index.ts. */
function literal(src: string, key: string): string {
  const m = new RegExp(`\\b${key}:\\s*(['"\`])((?:\\\\.|(?!\\1).)*)\\1`).exec(src);
  return m ? m[2].replace(/\\(.)/g, '$1') : '';
}

export function listWidgets(root = process.cwd()): WidgetListing[] {
  const dir = join(root, 'components', 'widgets');
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'index.ts')))
    .map((e) => {
      const src = readFileSync(join(dir, e.name, 'index.ts'), 'utf8');
      const minHeight = /\bminHeight:\s*(\d+)/.exec(src);
      return { id: e.name, title: literal(src, 'title'), description: literal(src, 'description'), ...(minHeight ? { minHeight: Number(minHeight[1]) } : {}) };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}
