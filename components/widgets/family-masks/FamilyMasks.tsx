'use client';
/**
 * Attention masks of the three families for the student's sentence (lib/interp/family-masks.ts,
 * which reads the self-attention masks from lib/model/positions.ts). Tokens come from the lab's
 * tokenizer; no model runs here, and the encoder-decoder has no trained model in this lab.
 */
import { useEffect, useState } from 'react';
import { showToken } from '@/components/viz/show-token';
import { defaultDeps, friendlyError, type Deps, type TokenizerLike } from '@/components/lesson/live-model';
import { familyMasks, visibleCount } from '@/lib/interp/family-masks';
import type { WidgetProps } from '../types';
import type { FamilyMasksState } from './index';
import { MaskGrid } from './MaskGrid';
import './family-masks.css';

/** Tokens drawn per side: more would not fit 360 px. */
export const MAX_TOKENS = 24;

export function FamilyMasksPanel({ state, setState, hidden, locked, deps }: WidgetProps<FamilyMasksState> & { deps: Deps }) {
  const [tok, setTok] = useState<TokenizerLike | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    deps.tokenizer().then(setTok, (e) => setError(friendlyError(e)));
  }, [deps]);
  if (error) return <p className="fm-error" role="alert">{error}</p>;
  if (!tok) return <p role="status">Loading the tokenizer…</p>;
  const src = tok.encode(state.text);
  const tgt = tok.encode(state.target);
  const cut = src.length > MAX_TOKENS || tgt.length > MAX_TOKENS;
  const s = src.slice(0, MAX_TOKENS).map((id) => showToken(tok.tokenText(id)));
  const t = tgt.slice(0, MAX_TOKENS).map((id) => showToken(tok.tokenText(id)));
  const n = s.length;
  const m = t.length;
  const f = familyMasks(n, m);
  const q = Math.min(state.query, Math.max(0, n - 1));
  const qd = Math.min(state.query, Math.max(0, m - 1));
  return (
    <div className="fm">
      <div className="controls">
        {!hidden.has('text') && (
          <div className="control control-wide">
            <label htmlFor="fm-text">Sentence (source)</label>
            <input id="fm-text" type="text" value={state.text} readOnly={locked.has('text')} onChange={(e) => setState({ text: e.target.value })} />
          </div>
        )}
        {!hidden.has('target') && (
          <div className="control control-wide">
            <label htmlFor="fm-target">Encoder-decoder target</label>
            <input id="fm-target" type="text" value={state.target} readOnly={locked.has('target')} onChange={(e) => setState({ target: e.target.value })} />
          </div>
        )}
        {!hidden.has('query') && (
          <div className="control">
            <label htmlFor="fm-query">Query row <output>{q}</output></label>
            <input id="fm-query" type="range" min={0} max={Math.max(0, n - 1)} value={q} disabled={locked.has('query') || n === 0} onChange={(e) => setState({ query: Number(e.target.value) })} />
          </div>
        )}
      </div>
      {cut && <p className="url-notes">Only the first {MAX_TOKENS} tokens of each text are drawn.</p>}
      {n > 0 && state.query > n - 1 && <p className="url-notes">Query row {state.query} is past the end of the sentence ({n} tokens): row {q} is highlighted.</p>}
      {n === 0 ? <p>Type a sentence.</p> : (
        <>
          <p className="fm-status" role="status" aria-live="polite">
            {n} tokens. Decoder-only: token {q} “{s[q]}” sees {q + 1} of {n} tokens (pairs visible in total: {visibleCount(f.decoderOnly)}). Encoder-only: it sees all {n} ({visibleCount(f.encoderOnly)} pairs).
          </p>
          <div className="fm-panels">
            <MaskGrid title="Decoder-only (GPT): causal" rows={s} cols={s} visible={f.decoderOnly} query={q} caption="Query i (row) sees keys 0..i: the future is hidden, so the model can be trained to predict every next token at once." />
            <MaskGrid title="Encoder-only (BERT): bidirectional" rows={s} cols={s} visible={f.encoderOnly} query={q} caption="Every token sees every token, left and right: good for understanding a whole text, but nothing stops a token from seeing itself, so it is trained on masked tokens instead." />
          </div>
          <h4 className="fm-h">Encoder-decoder (T5, BART): structure only — this lab has no trained encoder-decoder</h4>
          <div className="fm-panels">
            <MaskGrid title="Encoder self-attention" rows={s} cols={s} visible={f.encoderDecoder.encoder} query={q} caption="The source, read bidirectionally." />
            {m > 0 && <MaskGrid title="Decoder self-attention" rows={t} cols={t} visible={f.encoderDecoder.decoder} query={qd} caption="The target, causal: it is written one token at a time." />}
            {m > 0 && <MaskGrid title="Cross-attention" rows={t} cols={s} visible={f.encoderDecoder.cross} query={qd} caption="Every target token (row) sees every source token (column): no mask." />}
          </div>
          <DataTable s={s} t={t} f={f} />
        </>
      )}
    </div>
  );
}

function DataTable({ s, t, f }: { s: string[]; t: string[]; f: ReturnType<typeof familyMasks> }) {
  const keys = (row: boolean[]) => row.map((v, j) => (v ? j : -1)).filter((j) => j >= 0);
  const span = (ks: number[]) => (ks.length === 0 ? 'none' : ks.length === ks[ks.length - 1] - ks[0] + 1 ? `${ks[0]}–${ks[ks.length - 1]}` : ks.join(', '));
  return (
    <details className="hint">
      <summary>Data table</summary>
      <div className="fm-table-wrap" tabIndex={0} role="region" aria-label="Visible keys of every query in every mask">
        <table>
          <thead><tr><th scope="col">Mask</th><th scope="col">Query</th><th scope="col">Sees keys</th></tr></thead>
          <tbody>
            {([['decoder-only', s, f.decoderOnly], ['encoder-only', s, f.encoderOnly], ['enc-dec decoder', t, f.encoderDecoder.decoder], ['enc-dec cross', t, f.encoderDecoder.cross]] as const).flatMap(([name, toks, v]) =>
              v.map((row, i) => (
                <tr key={`${name}-${i}`}><th scope="row">{name}</th><td>{i} {toks[i]}</td><td>{span(keys(row))}{name === 'enc-dec cross' ? ' (source)' : ''}</td></tr>
              )))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export default function FamilyMasks(props: WidgetProps<FamilyMasksState>) {
  return <FamilyMasksPanel {...props} deps={defaultDeps} />;
}
