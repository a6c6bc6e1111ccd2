'use client';
/**
 * PCA of all 4096 rows of lm's embedding table (lib/interp/pca), computed in this page in slices
 * of at most ~30 ms (the generator's steps, run between paints), with progress and Cancel. The
 * result depends only on the shipped weights, so it is kept for the rest of the page's life.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { pcaSteps, type Pca, type PcaProgress } from '@/lib/interp/pca';
import type { EmbeddingTable } from '../embed-common/useEmbeddingTable';

export interface PcaView {
  phase: 'idle' | 'computing' | 'ready' | 'cancelled';
  progress: PcaProgress | null;
  pca: Pca | null;
  /** Wall time of the whole computation (sliced), ms. */
  ms: number | null;
}

let cached: { pca: Pca; ms: number } | null = null;
const SLICE_MS = 30;

export function usePca(data: EmbeddingTable | undefined): PcaView & { cancel: () => void; restart: () => void } {
  const [v, setV] = useState<PcaView>(cached ? { phase: 'ready', progress: null, pca: cached.pca, ms: cached.ms } : { phase: 'idle', progress: null, pca: null, ms: null });
  const stop = useRef<() => void>(() => {});
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!data || cached) return;
    let live = true;
    const t0 = performance.now();
    const g = pcaSteps(data.table, data.V, data.d, 2);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const slice = () => {
      if (!live) return;
      const s0 = performance.now();
      for (;;) {
        const s = g.next();
        if (s.done) {
          const ms = performance.now() - t0;
          cached = { pca: s.value, ms };
          setV({ phase: 'ready', progress: null, pca: s.value, ms });
          return;
        }
        if (performance.now() - s0 > SLICE_MS) {
          setV({ phase: 'computing', progress: s.value, pca: null, ms: null });
          timer = setTimeout(slice, 0);
          return;
        }
      }
    };
    setV({ phase: 'computing', progress: { stage: 'covariance', done: 0 }, pca: null, ms: null });
    timer = setTimeout(slice, 0);
    stop.current = () => {
      live = false;
      if (timer) clearTimeout(timer);
      setV({ phase: 'cancelled', progress: null, pca: null, ms: null });
    };
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [data, attempt]);

  const cancel = useCallback(() => stop.current(), []);
  const restart = useCallback(() => setAttempt((a) => a + 1), []);
  return { ...v, cancel, restart };
}
