/**
 * What the model worker has fetched, for the page's service worker (components/ui/cache-report.ts).
 * A worker started before the service worker controlled the page fetches past it, and ORT's .wasm
 * always passes it (lib/offline/sw-core.ts, 'ort-wasm'), so the page hands those URLs over to be
 * kept offline. Each result message carries the URLs the worker has finished
 * fetching since its last report: a load can answer before ORT's wasm has arrived (ORT is prepared
 * in parallel, the session is made at the first run), and the first run's result then lists it.
 *
 * Example: withNewResources(loadResult, seen, ['…/ort/a.mjs']) → result.resources ['…/ort/a.mjs'];
 *          then withNewResources(runResult, seen, ['…/ort/a.mjs', '…/ort/a.wasm']) → ['…/ort/a.wasm'].
 */
import type { Response } from './protocol';

/** `msg` with `result.resources` set to the URLs of `fetched` not in `seen` (which it adds to); other messages unchanged. */
export function withNewResources(msg: Response, seen: Set<string>, fetched: readonly string[]): Response {
  if (msg.type !== 'result' || msg.result === null || typeof msg.result !== 'object' || Array.isArray(msg.result)) return msg;
  const fresh = [...new Set(fetched)].filter((u) => !seen.has(u));
  if (fresh.length === 0) return msg;
  for (const u of fresh) seen.add(u);
  return { ...msg, result: { ...msg.result, resources: fresh } } as Response;
}

/** The `resources` a result carries (strings only), or [] when it has none. */
export function resourcesOf(result: unknown): string[] {
  const r = result !== null && typeof result === 'object' ? (result as { resources?: unknown }).resources : undefined;
  return Array.isArray(r) ? r.filter((u): u is string => typeof u === 'string') : [];
}
