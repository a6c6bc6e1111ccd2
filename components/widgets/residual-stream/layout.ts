/**
 * Pure data of the residual-stream widget: one position's measurements (lib/interp/residual.ts)
 * as chart series and table rows. x is the stream point: 0 = the embedding, i = after block i − 1;
 * block l's two updates are drawn at x = l + 1, the point they lead to.
 *
 *   residualSeries(stats, t)   three LineSeries: ‖stream‖, ‖attention added‖, ‖MLP added‖
 *   residualRows(stats, t)     one row per block: ‖in‖, ‖attn‖, cos, ‖mlp‖, cos, ‖out‖
 *   growth(stats, t)           ‖out of the last block‖ / ‖embedding‖
 *   pointLabel(x)              'emb' or the block index
 *
 * Example: two blocks with ‖x‖ = 1, 5, 8 at points 0, 1, 2 → the stream series is
 * (0, 1), (1, 5), (2, 8) and growth is 8.
 */
import type { LineSeries } from '@/components/viz/line-chart';
import { streamNorms, type BlockResidual } from '@/lib/interp/residual';

export function residualSeries(stats: readonly BlockResidual[], t: number): LineSeries[] {
  return [
    { id: 'stream', label: '‖residual stream‖', color: 0, points: streamNorms(stats, t).map((y, x) => ({ x, y })) },
    { id: 'attn', label: '‖what attention added‖', color: 1, points: stats.map((s, l) => ({ x: l + 1, y: s.attnNorm[t] })) },
    { id: 'mlp', label: '‖what the MLP added‖', color: 2, dashed: true, points: stats.map((s, l) => ({ x: l + 1, y: s.mlpNorm[t] })) },
  ];
}

export interface ResidualRow {
  block: number;
  inNorm: number;
  attnNorm: number;
  attnCos: number;
  mlpNorm: number;
  mlpCos: number;
  outNorm: number;
}

export const residualRows = (stats: readonly BlockResidual[], t: number): ResidualRow[] =>
  stats.map((s, block) => ({ block, inNorm: s.inNorm[t], attnNorm: s.attnNorm[t], attnCos: s.attnCos[t], mlpNorm: s.mlpNorm[t], mlpCos: s.mlpCos[t], outNorm: s.outNorm[t] }));

export const growth = (stats: readonly BlockResidual[], t: number): number =>
  stats.length === 0 ? NaN : stats[stats.length - 1].outNorm[t] / stats[0].inNorm[t];

export const pointLabel = (x: number): string => (x === 0 ? 'emb' : String(x - 1));
