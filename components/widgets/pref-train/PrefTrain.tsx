'use client';
/**
 * Preference training of lm in the page: LoRA adapters (W_q, W_v, r = 4) trained in a Web Worker
 * (lib/align/worker.ts, the lab's TypeScript kernels on the CPU) on (prompt, chosen, rejected)
 * pairs, either with DPO against the frozen original lm or as a Bradley–Terry reward model.
 * Nothing runs until Start (the default state is light).
 */
import { useMemo } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { familyManifest } from '@/lib/runtime/family-manifest';
import type { WidgetProps } from '../types';
import { PAIR_SOURCES, PAIRS_MAX, PREF_MODES, type PrefTrainState } from './index';
import { Dec, Num, Select } from '../scale-common/Fields';
import { LM_CONFIG } from '../lora-rank/layout';
import { useCutText } from '../useCutText';
import { curves } from './layout';
import { BATCH, EVAL_EVERY, HELD_OUT, LORA, LR, MAX_PAIRS, PRESET_PAIRS, PROBE_TOP, parsePairs, pairsToText } from './pairs';
import { PrefCharts } from './PrefCharts';
import { useAlign } from './useAlign';
import '../scale-common/scale.css';
import './pref.css';
import { sitePath } from '@/components/site-base';

const MODE_LABELS: Record<(typeof PREF_MODES)[number], string> = { dpo: 'DPO (train lm itself)', reward: 'Reward model (Bradley–Terry)' };
const SOURCE_LABELS: Record<(typeof PAIR_SOURCES)[number], string> = { preset: 'Six courteous-vs-curt replies', own: 'My own pairs (editable)' };

export default function PrefTrain({ state, setState, hidden, locked }: WidgetProps<PrefTrainState>) {
  const { st, start, cancel } = useAlign();
  const own = useCutText(PAIRS_MAX, (t) => setState({ own: t }));
  const parsed = useMemo(() => (state.pairs === 'own' ? parsePairs(state.own) : { pairs: PRESET_PAIRS, bad: [], cut: false }), [state.pairs, state.own]);
  const c = useMemo(() => curves(st.steps), [st.steps]);
  const running = st.phase === 'loading' || st.phase === 'training';
  const done = st.steps.length ? st.steps[st.steps.length - 1].report.step : 0;
  const total = st.phase === 'idle' ? state.steps : st.total;
  const onStart = async (): Promise<void> => {
    const m = await familyManifest('lm', sitePath('models/')).catch(() => null);
    start({
      config: LM_CONFIG, weightsUrl: sitePath('models/lm/model.safetensors'), sha256: m?.sha256, tokenizerUrl: sitePath('models/tokenizer/austen-bpe-4096.json'),
      mode: state.mode, pairs: parsed.pairs, lora: LORA, beta: state.beta, steps: state.steps, batch: BATCH, lrMax: LR, seed: state.seed,
      evalEvery: EVAL_EVERY, heldOut: HELD_OUT, probeTop: PROBE_TOP,
    });
  };
  return (
    <div className="sc pt" data-phase={st.phase} data-steps={done}>
      <p className="sc-small">
        <BackendBadge backend="ts-cpu" reason="Training runs in a Web Worker on the lab's own TypeScript kernels (forward, backward, AdamW), single-threaded, not ONNX Runtime" />{' '}
        TypeScript kernels in a Web Worker: the lab&apos;s own forward and backward passes on your CPU.
      </p>
      <div className="sc-controls control-row">
        {!hidden.has('mode') && <Select name="mode" label="Train" value={state.mode} locked={locked} options={PREF_MODES.map((m) => [m, MODE_LABELS[m]] as const)} onChange={(mode) => setState({ mode })} />}
        {!hidden.has('pairs') && (
          <Select name="pairs" label="Pairs" value={state.pairs} locked={locked} options={PAIR_SOURCES.map((m) => [m, SOURCE_LABELS[m]] as const)}
            onChange={(pairs) => setState(pairs === 'own' && !state.own.trim() ? { pairs, own: pairsToText(PRESET_PAIRS) } : { pairs })} />
        )}
        {!hidden.has('steps') && <Num name="steps" label="Steps" value={state.steps} min={1} max={40} onValue={(v) => setState({ steps: v })} locked={locked} />}
        {state.mode === 'dpo' && !hidden.has('beta') && <Dec name="beta" label="β" value={state.beta} min={0.01} max={2} step={0.01} onValue={(v) => setState({ beta: v })} locked={locked} />}
        {!hidden.has('seed') && <Num name="seed" label="Seed" value={state.seed} min={0} max={4294967295} onValue={(v) => setState({ seed: v })} locked={locked} />}
      </div>
      {state.pairs === 'own' && !hidden.has('own') && (
        <div className="control">
          <label htmlFor="pt-own">Your pairs, one per line: prompt | chosen answer | rejected answer (at most {MAX_PAIRS} pairs, {PAIRS_MAX} characters)</label>
          <textarea id="pt-own" rows={6} value={state.own} readOnly={locked.has('own')} maxLength={own.maxLength} onPaste={own.onPaste}
            onChange={(e) => own.onChange(e.target.value)} />
          {own.note && <p className="url-notes" role="status">{own.note}</p>}
          <p className="sc-small" aria-live="polite">
            {parsed.pairs.length} pair{parsed.pairs.length === 1 ? '' : 's'} read
            {parsed.bad.length ? `; line${parsed.bad.length > 1 ? 's' : ''} ${parsed.bad.join(', ')} skipped (need two | separators and three non-empty parts)` : ''}
            {parsed.cut ? `; only the first ${MAX_PAIRS} are used` : ''}.
          </p>
        </div>
      )}
      {state.pairs === 'preset' && (
        <details className="sc-details">
          <summary>The six pairs (written for this lab in the manner of Austen&apos;s dialogue)</summary>
          <ol className="pt-pairs">
            {PRESET_PAIRS.map((p) => (
              <li key={p.prompt}>{p.prompt}<span className="pt-yes"> ✓ {p.chosen}</span><span className="pt-no"> ✗ {p.rejected}</span></li>
            ))}
          </ol>
        </details>
      )}
      <div className="control-row">
        <button type="button" onClick={() => void onStart()} disabled={running || parsed.pairs.length === 0}>{st.phase === 'idle' ? 'Start training' : 'Train again'}</button>
        <button type="button" onClick={cancel} disabled={!running}>Cancel</button>
      </div>
      <p className="sc-small">
        LoRA r = 4, α = 8 on W_q and W_v of all {LM_CONFIG.nLayer} blocks{state.mode === 'reward' ? ', plus a reward head of 128 numbers (starts at 0) in place of the language-model head' : ''};
        {' '}{BATCH} pairs per step in a seeded order, AdamW, peak learning rate 10⁻²; every 5 steps all pairs are evaluated
        {state.mode === 'dpo' ? ', and the KL from the original lm is measured on a held-out passage of Persuasion' : ''}.
      </p>
      {st.phase !== 'idle' && (
        <div className="progress" role="status" aria-live="polite">
          <div className="progress-label">
            <span>{st.phase === 'loading' ? 'Loading lm and the reference log-probabilities…' : st.phase === 'error' ? 'Failed' : st.phase === 'cancelled' ? 'Cancelled' : st.phase === 'done' ? 'Done' : 'Training steps'}</span>
            <span data-testid="pt-progress">{done} of {total}</span>
          </div>
          <progress max={total} value={done} aria-label="Training steps done" style={{ width: '100%' }} />
        </div>
      )}
      {st.error && <p className="sc-note" role="alert">{st.error}</p>}
      <PrefCharts st={st} c={c} total={total} />
    </div>
  );
}
