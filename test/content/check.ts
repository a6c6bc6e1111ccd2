/**
 * The content check: problems in lessons, as sentences. Used by lessons.test.ts on the real
 * content and on small broken fixtures (so we know the check can fail).
 *
 * A lesson may use only registered capitalised tags (mdx-components.tsx LESSON_TAGS), no
 * import/export, `<Widget id>` ids from the widget registry (with a `preset` that parses cleanly
 * under the widget's URL schema), and internal links that resolve
 * to a page of the static site (and to a heading, when the link has a #fragment).
 * A lesson cites sources a student can open (papers, books, specs), never the project's own
 * working files: "seed 000, lines 177–181", SEED-TOPICS, shared/… paths fail (INTERNAL_CITATIONS).
 */
import { createProcessor } from '@mdx-js/mdx';
import remarkMath from 'remark-math';
import { extractHeadings } from '@/lib/text/slug';

export interface Site {
  lessonSlugs: readonly string[];
  widgetIds: readonly string[];
  tags: readonly string[];
  /** Heading ids of a lesson (for #fragment links). */
  headingsOf: (slug: string) => readonly string[];
  /** Notes the widget's URL schema gives for a `preset="…"` query string ([] = valid). */
  presetNotes?: (widgetId: string, preset: string) => readonly string[];
}

interface Node {
  type: string;
  name?: string | null;
  url?: string;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: Node[];
  position?: { start: { line: number } };
}

const processor = createProcessor({ remarkPlugins: [remarkMath] });

function walk(node: Node, visit: (n: Node) => void) {
  visit(node);
  for (const c of node.children ?? []) walk(c, visit);
}

/** Pages of the static site an internal link may point at (path without trailing slash). */
function pageExists(path: string, site: Site): string | null {
  const p = path.replace(/\/+$/, '') || '/';
  if (p === '/' || p === '/about-models' || p === '/embed-example.html') return '';
  const lesson = /^\/lessons\/([^/]+)$/.exec(p);
  if (lesson && site.lessonSlugs.includes(lesson[1])) return lesson[1];
  const embed = /^\/embed\/([^/]+)$/.exec(p);
  if (embed && site.widgetIds.includes(embed[1])) return '';
  return null;
}

/** Citations of files no student can see: the syllabus seeds, their line numbers, shared/ paths. */
export const INTERNAL_CITATIONS: readonly { re: RegExp; what: string }[] = [
  { re: /\bseeds?\s*[#\s]?\d{3}\b/i, what: 'a seed file' },
  { re: /SEED-TOPICS/i, what: 'SEED-TOPICS' },
  { re: /(?:^|[\s(`'"/])(?:\.\.\/)?(?:shared|seeds)\/[\w.-]/, what: 'a shared/ path' },
  { re: /\blines?\s+\d+(?:\s*(?:[–—-]|to)\s*\d+)?\b/i, what: 'line numbers of a file' },
];

/** Problems for lines of a lesson that cite internal files instead of a source. */
export function internalCitations(slug: string, source: string): string[] {
  const problems: string[] = [];
  source.split('\n').forEach((line, i) => {
    for (const { re, what } of INTERNAL_CITATIONS) {
      const m = re.exec(line);
      if (m) problems.push(`${slug}.mdx:${i + 1}: cites ${what} "${m[0].trim()}", which students cannot open: cite the primary source`);
    }
  });
  return problems;
}

export function checkLesson(slug: string, source: string, site: Site): string[] {
  const problems: string[] = internalCitations(slug, source);
  let tree: Node;
  try {
    tree = processor.parse(source) as unknown as Node;
  } catch (e) {
    return [`${slug}: MDX does not parse: ${(e as Error).message}`];
  }
  const at = (n: Node) => `${slug}.mdx:${n.position?.start.line ?? '?'}`;
  const ownHeadings = extractHeadings(source).map((h) => h.id);
  const checkLink = (n: Node, href: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return; // external
    const [path, hash] = href.split('#');
    const target = path === '' ? slug : pageExists(path.split('?')[0], site);
    if (target === null) return problems.push(`${at(n)}: dead internal link ${href}`);
    const ids = target === slug ? ownHeadings : target ? site.headingsOf(target) : null;
    if (hash && ids && !ids.includes(hash)) problems.push(`${at(n)}: link ${href} names a heading that does not exist`);
  };
  walk(tree, (n) => {
    if (n.type === 'mdxjsEsm') problems.push(`${at(n)}: lessons may not import or export (use registered tags)`);
    if (n.type === 'link' && n.url) checkLink(n, n.url);
    if ((n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement') && n.name) {
      if (/^[A-Z]/.test(n.name) && !site.tags.includes(n.name)) problems.push(`${at(n)}: <${n.name}> is not a registered lesson tag`);
      const attr = (k: string) => n.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === k)?.value;
      if (n.name === 'Widget') {
        const id = attr('id');
        if (typeof id !== 'string') problems.push(`${at(n)}: <Widget> needs a literal id="…"`);
        else if (!site.widgetIds.includes(id)) problems.push(`${at(n)}: <Widget id="${id}"> is not in the widget registry`);
        const preset = attr('preset');
        if (preset !== undefined && typeof preset !== 'string') problems.push(`${at(n)}: <Widget preset> must be a literal string`);
        if (typeof id === 'string' && typeof preset === 'string' && site.presetNotes) {
          for (const note of site.presetNotes(id, preset)) problems.push(`${at(n)}: <Widget id="${id}"> preset: ${note}`);
        }
      }
      const href = attr('href');
      if (typeof href === 'string') checkLink(n, href);
    }
  });
  return problems;
}

export interface LessonEntry {
  slug: string;
  title: string;
  summary: string;
  group: string;
}

/** Problems in lessons.json against the files present in content/lessons/. */
export function checkIndex(entries: LessonEntry[], files: readonly string[]): string[] {
  const problems: string[] = [];
  const slugs = entries.map((e) => e.slug);
  for (const e of entries) {
    for (const k of ['slug', 'title', 'summary', 'group'] as const) {
      if (typeof e[k] !== 'string' || !e[k].trim()) problems.push(`lessons.json: entry ${JSON.stringify(e.slug)} has no ${k}`);
    }
    if (typeof e.summary === 'string' && e.summary.includes('\n')) problems.push(`lessons.json: ${e.slug} summary is not one line`);
    if (!files.includes(`${e.slug}.mdx`)) problems.push(`lessons.json: ${e.slug} has no file content/lessons/${e.slug}.mdx`);
    if (slugs.indexOf(e.slug) !== slugs.lastIndexOf(e.slug)) problems.push(`lessons.json: ${e.slug} is listed twice`);
  }
  for (const f of files) {
    if (!slugs.includes(f.replace(/\.mdx$/, ''))) problems.push(`content/lessons/${f} is not listed in lessons.json`);
  }
  return [...new Set(problems)];
}
