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

/** A state-space mixer instead of attention (cfg.ssm): its sizes; the nHead fields are unused then. */
function ssmPart(s: Obj): string {
  const d = [s.expand !== undefined && `expand ${s.expand}`, s.headDim !== undefined && `heads of ${s.headDim}`, s.dState !== undefined && `state ${s.dState}`, s.convKernel !== undefined && `conv ${s.convKernel}`];
  return `Mamba-2 mixer, no attention (${d.filter(Boolean).join(', ')})`;
}

/** The feed-forward: dense MLP, or E experts of width dFF with top-k routing (cfg.moe). */
function mlpPart(c: Obj): string | false {
  if (c.dFF === undefined) return false;
  const kind = c.mlp ? ` ${c.mlp}` : '';
  if (!isObj(c.moe)) return `MLP ${c.dFF}${kind}`;
  const m = c.moe;
  const extra = [m.capacityFactor != null && `capacity factor ${m.capacityFactor}`, m.sharedExpert === true && 'plus a shared expert'].filter(Boolean);
  return `mixture of experts: ${m.experts} experts of MLP ${c.dFF}${kind}, top-${m.topK} routing${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

export function architecture(c: Obj): string {
  const parts = [
    c.nLayer !== undefined && `${c.nLayer} layers`,
    c.dModel !== undefined && `width ${c.dModel}`,
    isObj(c.ssm) ? ssmPart(c.ssm) : c.nHead !== undefined && `${c.nHead} heads${c.nKvHead !== undefined && c.nKvHead !== c.nHead ? ` (${c.nKvHead} KV)` : ''}`,
    mlpPart(c),
    c.norm && String(c.norm),
    c.position && (c.position === 'none' ? 'no position encoding' : `${c.position} positions`),
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

/** runtimeChecked + runtimeCheckedBy → one sentence. */
function checked(m: ManifestEntry): string {
  const yes = m.runtimeChecked === true;
  const by = typeof m.runtimeCheckedBy === 'string' ? ` — ${m.runtimeCheckedBy}` : '';
  return yes ? `yes${by}` : 'not yet: the TS and ONNX outputs have not been compared with the training fixtures';
}

function draft(v: Obj): string {
  const pct = (x: unknown) => (num(x) !== undefined ? `${(num(x)! * 100).toFixed(1)}%` : undefined);
  const parts = [
    pct(v.greedyTop1Agreement) && `greedy top-1 agreement ${pct(v.greedyTop1Agreement)}`,
    pct(v.meanAcceptanceProbability) && `mean speculative acceptance ${pct(v.meanAcceptanceProbability)}`,
  ].filter(Boolean);
  return `draft for ${v.target ?? '?'}: ${parts.join(', ')}${v.measuredOn ? ` (measured on ${v.measuredOn})` : ''}`;
}

/** 'tokenizerSha256' → 'Tokenizer sha256' for keys without a dedicated row. */
export function humanKey(k: string): string {
  const words = k.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
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
    else if (k === 'runtimeChecked') rows.push({ label: 'Checked against PyTorch', value: checked(m) });
    else if (k === 'runtimeCheckedBy') continue;
    else if (k === 'draftFor' && isObj(v)) rows.push({ label: 'Speculative decoding', value: draft(v) });
    else rows.push({ label: humanKey(k), value: generic(v) });
  }
  const commands = [m.recipe, m.command, ...(Array.isArray(m.commands) ? m.commands : [])].filter((c): c is string => typeof c === 'string');
  return { id: typeof m.id === 'string' ? m.id : fallbackId, role: typeof m.role === 'string' ? m.role : undefined, rows, commands };
}
