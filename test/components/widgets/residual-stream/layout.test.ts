import { describe, expect, it } from 'vitest';
import { residualStats } from '@/lib/interp/residual';
import { growth, pointLabel, residualRows, residualSeries } from '@/components/widgets/residual-stream/layout';

// C = 2, T = 1, two blocks: stream [1,0] → mid [4,0] → post [3,4] → mid [3,4] → post [0,8].
const stats = residualStats([1, 0], [[4, 0], [3, 4]], [[3, 4], [0, 8]], 1, 2);

describe('residual-stream layout', () => {
  it('the stream series is ‖x‖ at points 0, 1, 2 and growth is last / first', () => {
    const [stream, attn, mlp] = residualSeries(stats, 0);
    expect(stream.points).toEqual([{ x: 0, y: 1 }, { x: 1, y: 5 }, { x: 2, y: 8 }]);
    expect(attn.points).toEqual([{ x: 1, y: 3 }, { x: 2, y: 0 }]);
    expect(mlp.points.map((p) => p.x)).toEqual([1, 2]);
    expect(mlp.points[1].y).toBeCloseTo(5, 12); // [0,8] − [3,4] = [−3, 4]
    expect(growth(stats, 0)).toBe(8);
  });

  it('rows carry every number of the data table, cosines included', () => {
    const [b0, b1] = residualRows(stats, 0);
    expect(b0).toMatchObject({ block: 0, inNorm: 1, attnNorm: 3, attnCos: 1, outNorm: 5 });
    expect(b0.mlpNorm).toBeCloseTo(Math.sqrt(17), 12); // [3,4] − [4,0] = [−1, 4]
    expect(b0.mlpCos).toBeCloseTo(-4 / (Math.sqrt(17) * 4), 12);
    expect(b1.mlpCos).toBeCloseTo((-9 + 16) / 25, 12);
    expect([0, 1, 8].map(pointLabel)).toEqual(['emb', '0', '7']);
  });
});
