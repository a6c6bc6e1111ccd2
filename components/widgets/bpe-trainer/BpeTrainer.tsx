'use client';
/** BPE training step-through: train on a corpus, then scrub through the merges. */
import { useCallback, useId, useMemo } from 'react';
import { MAX_MAIN_THREAD_TRAIN_BYTES } from '@/lib/tokenizer/protocol';
import type { WidgetProps } from '../types';
import { MAX_CORPUS, type BpeTrainerState } from './index';
import { compressionPoints, mergeRows } from './layout';
import { CompressionChart } from './CompressionChart';
import { MergeTable, VocabGrowth } from './MergeTable';
import { NumberField } from './NumberField';
import { useCutText } from '../useCutText';
import { MergeTreeView, Resegmented } from './Resegmented';
import { StepControls } from './StepControls';
import { useTraining, type Trained } from './useTraining';
import '../token-viewer/tokens.css';
import './bpe-trainer.css';

const kb = (n: number) => `${Math.round(n / 1024)} KB`;

export default function BpeTrainer({ state, setState, hidden, locked }: WidgetProps<BpeTrainerState>) {
  const corpusId = useId();
  const vocabId = useId();
  const { trained, status } = useTraining(state.corpus, state.vocab, state.trained, MAX_MAIN_THREAD_TRAIN_BYTES);
  const total = trained?.trace.length ?? 0;
  const step = Math.min(state.step, total);
  const onStep = useCallback((s: number) => setState({ step: s }), [setState]);
  const big = state.corpus.length > MAX_MAIN_THREAD_TRAIN_BYTES;
  const cut = useCutText(MAX_CORPUS, (corpus) => setState({ corpus, trained: false, step: 0, sel: -1 }));
  return (
    <div className="bt">
      <div className="controls">
        {!hidden.has('corpus') && (
          <div className="control control-wide">
            <label htmlFor={corpusId}>Training corpus (type or paste)</label>
            <textarea
              id={corpusId}
              rows={4}
              value={state.corpus}
              readOnly={locked.has('corpus')}
              maxLength={cut.maxLength}
              onPaste={cut.onPaste}
              onChange={(e) => cut.onChange(e.target.value)}
              spellCheck={false}
            />
            <span className="muted bt-limit">
              {Array.from(state.corpus).length.toLocaleString('en')} / {MAX_CORPUS.toLocaleString('en')} code points.
              {big ? ' Above ' + kb(MAX_MAIN_THREAD_TRAIN_BYTES) + ' training runs in a background worker.' : ` Up to ${kb(MAX_MAIN_THREAD_TRAIN_BYTES)} trains right in the page; more goes to a background worker.`}
            </span>
            {cut.note && <p className="url-notes" role="status">{cut.note}</p>}
          </div>
        )}
        {!hidden.has('vocab') && (
          <div className="control">
            <label htmlFor={vocabId}>Vocabulary size (256 bytes + merges)</label>
            <NumberField id={vocabId} value={state.vocab} min={257} max={4096} readOnly={locked.has('vocab')} onValue={(v) => setState({ vocab: v, trained: false, step: 0, sel: -1 })} />
          </div>
        )}
        <div className="control">
          <button type="button" className="btn" disabled={status.state === 'training' || state.corpus.length === 0} onClick={() => setState({ trained: true, step: state.trained ? state.step : 0 })}>
            {trained ? 'Trained ✓' : 'Train'}
          </button>
        </div>
      </div>
      <p role="status" className="muted bt-status">
        {status.state === 'training' && (status.where === 'worker' ? `Training in a background worker… ${status.done} / ${status.total} merges` : 'Training…')}
        {status.state === 'idle' && trained && `Trained ${total} merges on ${trained.bytes.toLocaleString('en')} bytes in ${Math.round(trained.ms)} ms (${trained.where === 'worker' ? 'background worker' : 'in the page'}).${total < state.vocab - 256 ? ` It stopped there, short of the ${state.vocab - 256} merges asked for.` : ''}`}
        {status.state === 'idle' && !trained && (state.trained ? '' : 'Press Train to learn merges from this corpus.')}
      </p>
      {status.state === 'error' && <p className="url-notes" role="alert">Training failed: {status.message}</p>}
      {trained && <TrainedView trained={trained} state={state} step={step} onStep={onStep} setState={setState} lockedStep={locked.has('step')} hideStep={hidden.has('step')} />}
    </div>
  );
}

function TrainedView({ trained, state, step, onStep, setState, lockedStep, hideStep }: {
  trained: Trained;
  state: BpeTrainerState;
  step: number;
  onStep: (s: number) => void;
  setState: (p: Partial<BpeTrainerState>) => void;
  lockedStep: boolean;
  hideStep: boolean;
}) {
  const { tokenizer, trace } = trained;
  const points = useMemo(() => compressionPoints(trace, trained.bytes), [trace, trained.bytes]);
  const text = useCallback((id: number) => tokenizer.tokenText(id), [tokenizer]);
  const rows = useMemo(() => mergeRows(trace, step, text), [trace, step, text]);
  const newest = useMemo(() => trace.slice(Math.max(0, step - 16), step).reverse().map((m) => tokenizer.tokenText(m.id)), [trace, step, tokenizer]);
  return (
    <>
      {!hideStep && <StepControls step={step} total={trace.length} onStep={onStep} disabled={lockedStep} />}
      <div className="bt-grid2">
        <MergeTable rows={rows} step={step} total={trace.length} />
        <CompressionChart points={points} step={step} />
      </div>
      <VocabGrowth size={256 + step} newest={newest} />
      <Resegmented tokenizer={tokenizer} step={step} corpus={state.corpus} sel={state.sel} onSelect={(id) => setState({ sel: id })} />
      <MergeTreeView tokenizer={tokenizer} id={state.sel} step={step} />
    </>
  );
}
