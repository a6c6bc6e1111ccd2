/**
 * The beam tree as geometry: one column per step, one node per kept beam (best first), an edge
 * to its parent in the previous column. Nodes on the final best hypothesis and on the greedy
 * path are flagged by comparing each node's token path with theirs.
 *
 * Example: beams [[A, B], [A·X, B·X]] (parents [0, 0] then [0, 1]) with best = [B, X]:
 * node (1, 1) B·X is best, and so is its parent (0, 1) B.
 */
import type { BeamStep } from '@/lib/sample/beam';

export interface TreeNode {
  step: number;
  rank: number;
  id: number;
  /** Token ids from the first generated token to this one. */
  path: number[];
  logProb: number;
  tokenLogProb: number;
  x: number;
  y: number;
  parentY: number | null;
  best: boolean;
  greedy: boolean;
}

export const COL_W = 110;
export const ROW_H = 40;
export const NODE_W = 96;
export const NODE_H = 30;

const startsWith = (a: readonly number[], prefix: readonly number[]): boolean => prefix.length <= a.length && prefix.every((v, i) => a[i] === v);

export function beamTree(steps: readonly BeamStep[], best: readonly number[], greedy: readonly number[]): { nodes: TreeNode[]; width: number; height: number } {
  const nodes: TreeNode[] = [];
  let prev: TreeNode[] = [];
  let rows = 1;
  for (const s of steps) {
    const col: TreeNode[] = s.beams.map((b, rank) => {
      const parent = prev[b.parent];
      const path = [...(parent?.path ?? []), b.id];
      return {
        step: s.step, rank, id: b.id, path, logProb: b.logProb, tokenLogProb: b.tokenLogProb,
        x: s.step * COL_W, y: rank * ROW_H, parentY: parent ? parent.y : null,
        best: startsWith(best, path), greedy: startsWith(greedy, path),
      };
    });
    rows = Math.max(rows, col.length);
    nodes.push(...col);
    prev = col;
  }
  return { nodes, width: steps.length * COL_W, height: rows * ROW_H };
}
