'use client';
/**
 * Loads a quantized variant of `lm` in the model worker ('quant:<format>:g<g>:c<clip>:lm'): the
 * worker downloads lm (once), quantizes its Linear weights with lib/quant and returns the
 * QuantSummary. Re-runs whenever the format changes after the first load. Cancel stops waiting
 * and drops the result (the worker cannot interrupt a quantization already started; it takes
 * well under a second).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Progress } from '@/lib/runtime/protocol';
import type { QuantSummary } from '@/lib/quant/summary';
import type { FormatId } from '@/lib/quant/formats';
import { friendlyError, type Deps } from '@/components/lesson/live-model';

export type LoadPhase = 'idle' | 'loading' | 'ready' | 'error';

export interface QuantParamsUi { format: FormatId; group: number; clip: number }

/** The worker's model id for these parameters (lib/runtime/quant.ts's quantModelId, kept free of its imports). */
export function quantId(p: QuantParamsUi, model = 'lm'): string {
  return `quant:${p.format}:g${p.group}:c${p.clip}:${model}`;
}

export function useQuantModel(deps: Deps, p: QuantParamsUi) {
  const [phase, setPhase] = useState<LoadPhase>('idle');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [summary, setSummary] = useState<QuantSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState(false);
  const seq = useRef(0);
  const id = quantId(p);

  const load = useCallback(async (modelId: string) => {
    const my = ++seq.current;
    setPhase('loading');
    setError(null);
    try {
      const client = await deps.client();
      const r = await client.load(modelId, { onProgress: (pr) => my === seq.current && setProgress(pr) });
      if (my !== seq.current) return;
      setSummary(r.info.quant as QuantSummary);
      setPhase('ready');
    } catch (e) {
      if (my === seq.current) {
        setError(friendlyError(e));
        setPhase('error');
      }
    }
  }, [deps]);

  useEffect(() => {
    if (started) void load(id);
  }, [started, id, load]);

  const start = useCallback(() => setStarted(true), []);
  const cancel = useCallback(() => {
    seq.current++;
    setStarted(false);
    setPhase(summary ? 'ready' : 'idle');
  }, [summary]);
  return { phase, progress, summary, error, start, cancel, id, started };
}
