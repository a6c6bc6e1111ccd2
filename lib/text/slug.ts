/**
 * Heading → URL fragment id, and the headings of a markdown/MDX source.
 * slugify("Bytes, not characters!") → "bytes-not-characters".
 */

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, '')
    .trim()
    .replace(/[\s-]+/g, '-');
}

export interface Heading {
  depth: 2 | 3;
  text: string;
  id: string;
}

/**
 * `##` and `###` headings of a markdown source, skipping fenced code blocks.
 * Inline markup is stripped to plain text (`code`, *em*, **strong**, $math$ kept as its source).
 */
export function extractHeadings(source: string): Heading[] {
  const out: Heading[] = [];
  let inFence = false;
  for (const line of source.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const m = /^(#{2,3})\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const text = m[2].replace(/[`*_]/g, '').replace(/\$/g, '');
    out.push({ depth: m[1].length as 2 | 3, text, id: slugify(text) });
  }
  return out;
}
