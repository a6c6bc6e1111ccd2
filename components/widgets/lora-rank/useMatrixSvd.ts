'use client';
/**
 * lm's shipped weights (fetched once per page, sha256-checked) and the singular values of one of
 * its matrices, computed in the page (one-sided Jacobi, lib/peft/svd: ~0.2 s for a 128 × 128 matrix).
 */
import { useEffect, useState } from 'react';
import type { WeightMap } from '@/lib/model/eager';
import { relativeLowRankErrors, svd } from '@/lib/peft/svd';
import { fetchModelWeights } from '@/lib/runtime/transformer';
import { sitePath } from '@/components/site-base';

let weightsOnce: Promise<WeightMap> | null = null;

export interface MatrixSvd {
  phase: 'loading' | 'computing' | 'ready' | 'error';
  loaded: number;
  total: number;
  /** Singular values (largest first) and relative errors ‖W − W_r‖/‖W‖ for r = 0..k. */
  s?: Float64Array;
  errors?: Float64Array;
  shape?: [number, number];
  error?: string;
}

export function useMatrixSvd(name: string): MatrixSvd {
  const [st, setSt] = useState<MatrixSvd & { name?: string }>({ phase: 'loading', loaded: 0, total: 0 });
  useEffect(() => {
    let live = true;
    weightsOnce ??= fetchModelWeights('lm', sitePath('models/'), (p) => {
      if (live && p.phase === 'download') setSt((s) => ({ ...s, phase: 'loading', loaded: p.loaded, total: p.total ?? 0 }));
    }).then((r) => r.weights);
    weightsOnce.then(
      (w) => {
        if (!live) return;
        setSt((s) => ({ ...s, phase: 'computing' }));
        setTimeout(() => {
          if (!live) return;
          const t = w.get(name);
          if (!t) return setSt({ phase: 'error', loaded: 0, total: 0, error: `lm has no weight "${name}"` });
          const d = svd(t.data, t.shape[0], t.shape[1]);
          setSt({ phase: 'ready', loaded: 1, total: 1, s: d.s, errors: relativeLowRankErrors(d.s), shape: [t.shape[0], t.shape[1]], name });
        }, 20); // let "Computing" paint first
      },
      (e: unknown) => {
        weightsOnce = null;
        if (live) setSt({ phase: 'error', loaded: 0, total: 0, error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [name]);
  return st.phase === 'ready' && st.name !== name ? { phase: 'computing', loaded: 1, total: 1 } : st;
}
