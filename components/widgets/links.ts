import { SITE_BASE } from '@/components/site-base';

/**
 * Share links for a widget: the embed URL (bare keys, /embed/<id>/ under the site's base path)
 * and the iframe snippet.
 * embedUrl('https://lab.example', 'utf8-bytes', 'text=hi&base=hex')
 *   → 'https://lab.example/embed/utf8-bytes/?text=hi&base=hex'   ('…/repo/embed/…' with base '/repo/')
 */
export function embedUrl(origin: string, id: string, query: string, base: string = SITE_BASE): string {
  return `${origin}${base}embed/${id}/${query ? `?${query}` : ''}`;
}

/** `width`: '100%' (fills the column) or a number of CSS px. */
export function iframeSnippet(url: string, title: string, height = 400, width: number | '100%' = '100%'): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${esc(url)}" title="${esc(title)}" width="${width}" height="${height}" style="border:0" loading="lazy"></iframe>`;
}
