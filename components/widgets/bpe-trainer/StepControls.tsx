'use client';
/** Scrub through the merges: slider (arrow keys), step buttons, and Play (or Jump to end with reduced motion). */
import { useEffect, useId, useState } from 'react';
import { useReducedMotion } from '@/components/ui/useReducedMotion';

export const PLAY_MS = 350;

export function StepControls({ step, total, onStep, disabled }: { step: number; total: number; onStep: (s: number) => void; disabled: boolean }) {
  const id = useId();
  const reduced = useReducedMotion();
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!playing) return;
    if (step >= total) {
      setPlaying(false);
      return;
    }
    const t = setTimeout(() => onStep(step + 1), PLAY_MS);
    return () => clearTimeout(t);
  }, [playing, step, total, onStep]);
  const go = (s: number) => onStep(Math.max(0, Math.min(total, s)));
  return (
    <div className="controls bt-steps">
      <div className="control control-wide">
        <label htmlFor={id}>
          Merges applied: <b>{step}</b> / {total}
        </label>
        <input id={id} type="range" min={0} max={total} step={1} value={step} disabled={disabled} onChange={(e) => go(Number(e.target.value))} />
      </div>
      <div className="chips-row" role="group" aria-label="Step through merges">
        <button type="button" className="btn btn-small" disabled={disabled || step <= 0} onClick={() => go(step - 1)} title="Undo one merge">
          <span aria-hidden="true">◀</span> Back
        </button>
        <button type="button" className="btn btn-small" disabled={disabled || step >= total} onClick={() => go(step + 1)} title="Apply one more merge">
          Step <span aria-hidden="true">▶</span>
        </button>
        {reduced ? (
          <button type="button" className="btn btn-small" disabled={disabled || step >= total} onClick={() => go(total)}>
            Jump to end
          </button>
        ) : (
          <button type="button" className="btn btn-small" disabled={disabled || (!playing && step >= total)} onClick={() => setPlaying((p) => !p)} aria-pressed={playing}>
            <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? 'Pause' : 'Play'}
          </button>
        )}
        <button type="button" className="btn btn-small" disabled={disabled || step === 0} onClick={() => go(0)}>
          Reset
        </button>
      </div>
    </div>
  );
}
