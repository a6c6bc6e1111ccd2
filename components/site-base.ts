/**
 * The path the site is served under: '/' at a host's root (Vercel, `npm start`), '/repo/' for a
 * project site (e.g. GitHub Pages), set at build time with NEXT_PUBLIC_BASE_PATH=/repo (next.config
 * passes the same value to Next's basePath, which prefixes <Link> and the /_next/ assets).
 * Plain fetches, <a href>, workers' URLs and the service worker's scope go through sitePath.
 *
 *   normaliseBase(undefined) → '/'    normaliseBase('/repo') → '/repo/'    normaliseBase('lab/x/') → '/lab/x/'
 *   sitePath('/models/lm/config.json') with base '/repo/' → '/repo/models/lm/config.json'
 */

/** '/' or '/a/b/' (leading and trailing slash, no doubled slashes) from a base-path setting. */
export function normaliseBase(raw: string | undefined | null): string {
  const parts = (raw ?? '').split('/').filter((p) => p !== '' && p !== '.' && p !== '..');
  return parts.length ? `/${parts.join('/')}/` : '/';
}

function envBase(): string | undefined {
  // Next inlines NEXT_PUBLIC_* at build time; where it does not (a bare worker, Node), there may be no `process`
  try {
    return process.env.NEXT_PUBLIC_BASE_PATH;
  } catch {
    return undefined;
  }
}

/** The site's base path with a trailing slash. */
export const SITE_BASE = normaliseBase(envBase());

/** A site-absolute path ('/models/x' or 'models/x') under `base` (default: the site's). */
export function sitePath(path: string, base: string = SITE_BASE): string {
  return base + path.replace(/^\/+/, '');
}
