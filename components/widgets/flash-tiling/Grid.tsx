'use client';
/** The T×T score grid of one head: blocks done, the current block, blocks still to do (causal cells only). */
import type { BlockStep } from '@/lib/longctx/flash';
import { cellState } from './layout';

export function Grid({ T, steps, k, tokens }: { T: number; steps: readonly BlockStep[]; k: number; tokens: readonly string[] }) {
  const s = steps[k];
  const pad = 2;
  const cells = [];
  for (let r = 0; r < T; r++) for (let c = 0; c <= r; c++) {
    const st = cellState(steps, k, r, c);
    cells.push(<rect key={`${r}-${c}`} x={pad + c} y={pad + r} width={1} height={1} className={`ft-cell ft-${st}`} />);
  }
  return (
    <svg className="ft-grid" viewBox={`0 0 ${T + pad} ${T + pad}`} role="img" shapeRendering="crispEdges"
      aria-label={s ? `Step ${k + 1} of ${steps.length}: query rows ${s.r0}–${s.r1 - 1} against key columns ${s.c0}–${s.c1 - 1}${s.skipped ? ', skipped (all masked)' : ''}` : 'No steps'}>
      {s && <rect x={pad} y={pad + s.r0} width={T} height={s.r1 - s.r0} className="ft-rowband" />}
      {s && <rect x={pad + s.c0} y={pad} width={s.c1 - s.c0} height={T} className="ft-colband" />}
      {s && <rect x={0} y={pad + s.r0} width={pad - 0.4} height={s.r1 - s.r0} className="ft-q" />}
      {s && <rect x={pad + s.c0} y={0} width={s.c1 - s.c0} height={pad - 0.4} className="ft-kv" />}
      {cells}
      {s && <rect x={pad + s.c0} y={pad + s.r0} width={s.c1 - s.c0} height={s.r1 - s.r0} className="ft-outline" />}
      <title>{tokens.length} tokens</title>
    </svg>
  );
}
