/**
 * Widget state → the architecture lib/scale counts (a preset's, or the custom fields), with a
 * readable note when the custom fields do not describe a valid model and what was used instead.
 *
 * Example: custom, heads 32, kvHeads 5 → 32 is not a multiple of 5: the note says so and plain
 * multi-head attention (kv heads = 32) is used.
 */
import { presetById, type ArchSpec, type Preset } from '@/lib/scale';
import type { ModelState } from './schema';

export interface Resolved {
  spec: ArchSpec;
  preset: Preset | null;
  label: string;
  note: string | null;
}

export function resolveModel(s: ModelState): Resolved {
  if (s.model !== 'custom') {
    const p = presetById(s.model);
    if (p) return { spec: p.spec, preset: p, label: p.label, note: null };
  }
  const notes: string[] = [];
  let kv = Math.min(s.kvHeads, s.heads);
  if (s.heads % kv !== 0) {
    notes.push(`${s.heads} query heads are not a multiple of ${kv} key/value heads: using ${s.heads} (plain multi-head attention).`);
    kv = s.heads;
  }
  if (kv !== s.heads && s.dModel % s.heads !== 0) {
    notes.push(`d_model ${s.dModel} is not a multiple of ${s.heads} heads, which grouped-query attention needs: using ${s.heads} key/value heads.`);
    kv = s.heads;
  }
  const llama = s.style === 'llama';
  const spec: ArchSpec = {
    vocabSize: s.vocab, contextLength: 2048, nLayer: s.layers, dModel: s.dModel, nHead: s.heads, nKvHead: kv, dFF: s.dFF,
    norm: llama ? 'rmsnorm' : 'layernorm', position: llama ? 'rope' : 'learned', mlp: llama ? 'swiglu' : 'gelu',
    tiedEmbeddings: !llama, bias: !llama,
  };
  return { spec, preset: null, label: 'Custom model', note: notes.length ? notes.join(' ') : null };
}
