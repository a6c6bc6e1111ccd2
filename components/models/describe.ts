/**
 * Pure: a manifest entry (model or tokenizer) → labelled rows for "About the models".
 * Known fields get a readable line (architecture from config, validation loss/perplexity,
 * corpus with licences, training run); unknown fields are still shown, as compact JSON.
 */
import { formatBytes } from '@/components/ui/ProgressBar';
import type { ManifestEntry } from './manifest';

export interface Row {
  label: string;
  value: string;
}

export interface ModelView {
  id: string;
  role?: string;
  rows: Row[];
  /** Exact commands that produced it (recipe / commands / command). */
  commands: string[];
}

const SKIP = new Set(['id', 'role', 'files', 'tokenizerSha256', 'dtypeNote', 'commands', 'recipe', 'command', 'file', 'weights']);
type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const num = (x: unknown) => (typeof x === 'number' ? x : undefined);

export function architecture(c: Obj): string {
  const parts = [
    c.nLayer !== undefined && `${c.nLayer} layers`,
    c.dModel !== undefined && `width ${c.dModel}`,
    c.nHead !== undefined && `${c.nHead} heads${c.nKvHead !== undefined && c.nKvHead !== c.nHead ? ` (${c.nKvHead} KV)` : ''}`,
    c.dFF !== undefined && `MLP ${c.dFF}${c.mlp ? ` ${c.mlp}` : ''}`,
    c.norm && String(c.norm),
    c.position && `${c.position} positions`,
    c.contextLength !== undefined && `context ${c.contextLength}`,
    c.vocabSize !== undefined && `vocabulary ${c.vocabSize}`,
  ];
  return parts.filter(Boolean).join(' · ');
}

function corpus(v: unknown): string {
  if (!Array.isArray(v)) return String(v);
  return v
    .map((c) => {
      if (!isObj(c)) return String(c);
      const extra = [c.licence, num(c.tokens) !== undefined && `${num(c.tokens)!.toLocaleString('en')} tokens`].filter(Boolean);
      return `${c.what ?? c.text}${extra.length ? ` (${extra.join(', ')})` : ''}`;
    })
    .join('; ');
}

function validation(v: Obj): string {
  const loss = num(v.loss);
  const ppl = num(v.perplexity);
  const head = [loss !== undefined && `loss ${loss.toFixed(3)} nats/token`, ppl !== undefined && `perplexity ${ppl.toFixed(1)}`];
  return [head.filter(Boolean).join(', '), v.data && `on ${v.data}`].filter(Boolean).join(' ');
}

function training(v: Obj): string {
  const s = num(v.seconds);
  return [v.steps !== undefined && `${v.steps} steps`, s !== undefined && `${Math.round(s)} s`, v.device && `on ${v.device}`].filter(Boolean).join(', ');
}

function generic(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export function describeEntry(m: ManifestEntry, fallbackId: string): ModelView {
  const rows: Row[] = [];
  for (const [k, v] of Object.entries(m)) {
    if (SKIP.has(k) || v === null || v === undefined) continue;
    if (k === 'params' && typeof v === 'number') rows.push({ label: 'Parameters', value: v.toLocaleString('en') });
    else if (k === 'bytes' && typeof v === 'number') rows.push({ label: 'Download', value: `${formatBytes(v)} (${v.toLocaleString('en')} bytes)` });
    else if (k === 'config' && isObj(v)) rows.push({ label: 'Architecture', value: architecture(v) });
    else if (k === 'dtype') rows.push({ label: 'Weights', value: `${v}${m.dtypeNote ? ` — ${m.dtypeNote}` : ''}` });
    else if (k === 'validation' && isObj(v)) rows.push({ label: 'Validation', value: validation(v) });
    else if (k === 'corpus') rows.push({ label: 'Trained on', value: corpus(v) });
    else if (k === 'training' && isObj(v)) rows.push({ label: 'Training run', value: training(v) });
    else rows.push({ label: k, value: generic(v) });
  }
  const commands = [m.recipe, m.command, ...(Array.isArray(m.commands) ? m.commands : [])].filter((c): c is string => typeof c === 'string');
  return { id: typeof m.id === 'string' ? m.id : fallbackId, role: typeof m.role === 'string' ? m.role : undefined, rows, commands };
}
