/**
 * Pure geometry of the data-mix widget: the rows of the mix table from the manifest + training
 * log, and horizontal bars of the scale chart on a log or linear axis.
 */
import { trainingMix, type SourceMix } from '@/lib/data/mix';

export interface ManifestCorpusEntry {
  text: string;
  what: string;
  licence: string;
  tokens: number;
  mixWeight: number;
}

export interface MixInput {
  corpus: ManifestCorpusEntry[];
  tokensPerStep: number;
  bestStep: number;
  annealFromStep: number;
}

export interface MixRow extends SourceMix {
  what: string;
  licence: string;
}

export function mixRows(m: MixInput): MixRow[] {
  const mix = trainingMix(
    m.corpus.map((c) => ({ name: c.text.replace(/^training\/data\//, ''), tokens: c.tokens, mixWeight: c.mixWeight })),
    { tokensPerStep: m.tokensPerStep, steps: m.bestStep, annealFromStep: m.annealFromStep },
  );
  return mix.map((s, i) => ({ ...s, what: m.corpus[i].what, licence: m.corpus[i].licence }));
}

export interface Bar {
  label: string;
  value: number;
  ours: boolean;
  y: number;
  width: number;
}

/** Bars of `values` scaled into [0, width] px; log axis from `logMin` (bars below it get 2 px). */
export function scaleBars(items: ReadonlyArray<{ label: string; value: number; ours: boolean }>, axis: 'log' | 'linear', width: number, rowHeight = 28, logMin = 1e5): { bars: Bar[]; ticks: Array<{ x: number; label: string }>; max: number } {
  const max = Math.max(...items.map((i) => i.value));
  const x = (v: number) => {
    if (axis === 'linear') return (v / max) * width;
    const lo = Math.log10(logMin);
    const hi = Math.log10(max);
    return ((Math.log10(Math.max(v, logMin)) - lo) / (hi - lo)) * width;
  };
  const bars = items.map((it, i) => ({ ...it, y: i * rowHeight, width: Math.max(2, x(it.value)) }));
  const ticks: Array<{ x: number; label: string }> = [];
  if (axis === 'log') {
    for (let e = Math.ceil(Math.log10(logMin)); e <= Math.floor(Math.log10(max)); e++) ticks.push({ x: x(10 ** e), label: `10^${e}` });
  } else {
    for (const v of [0, 0.5e12, 1e12, 1.5e12, 2e12]) if (v <= max) ticks.push({ x: x(v), label: v === 0 ? '0' : `${v / 1e12}T` });
  }
  return { bars, ticks, max };
}

/** 1234567 → '1.23M', 3e11 → '300B', 1.4e12 → '1.4T'. */
export function formatTokens(n: number): string {
  const f = (v: number, s: string) => `${Number(v.toPrecision(3))}${s}`;
  if (n >= 1e12) return f(n / 1e12, 'T');
  if (n >= 1e9) return f(n / 1e9, 'B');
  if (n >= 1e6) return f(n / 1e6, 'M');
  if (n >= 1e3) return f(n / 1e3, 'k');
  return String(n);
}
