/**
 * Geometry of the K/V sharing figure: one panel per scheme, query heads in a row on top, K/V
 * heads in a row below, a line from each query head to the K/V head it reads (lib/interp kvGroups).
 *
 * Example: nh 4, nkv 2, width 300 → query boxes centred at x = 37.5, 112.5, 187.5, 262.5; K/V
 * boxes at x = 75, 225 (each under the middle of its group); lines 0→0, 1→0, 2→1, 3→1.
 */
import { kvGroups } from '@/lib/interp/kv-sharing';

export interface Box {
  cx: number;
  label: string;
}
export interface Link {
  x1: number;
  x2: number;
  q: number;
  kv: number;
}
export interface SharingFigure {
  queries: Box[];
  kvs: Box[];
  links: Link[];
}

export function sharingFigure(nHead: number, nKvHead: number, width: number): SharingFigure {
  const step = width / nHead;
  const queries = Array.from({ length: nHead }, (_, h) => ({ cx: (h + 0.5) * step, label: `Q${h}` }));
  const groups = kvGroups(nHead, nKvHead);
  const kvs = groups.map((g, kv) => ({ cx: (queries[g[0]].cx + queries[g[g.length - 1]].cx) / 2, label: `KV${kv}` }));
  const links = groups.flatMap((g, kv) => g.map((q) => ({ x1: queries[q].cx, x2: kvs[kv].cx, q, kv })));
  return { queries, kvs, links };
}

/** 8192 → "8 KiB", 1048576 → "1 MiB", 1536 → "1.5 KiB", 100 → "100 B". */
export function bytesText(b: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = b;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${Number.isInteger(v) ? v : Number(v.toFixed(v < 10 ? 2 : 1))} ${units[u]}`;
}
