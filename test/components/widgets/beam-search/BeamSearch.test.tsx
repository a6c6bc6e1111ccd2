// @vitest-environment jsdom
/**
 * The beam-search panel against a fake model client and a byte tokenizer, on a hand-made tree
 * where greedy and beam search disagree, and the tree layout on its own.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BeamSearchPanel } from '@/components/widgets/beam-search/BeamSearch';
import { beamSearchSchema, type BeamSearchState } from '@/components/widgets/beam-search/index';
import { beamTree, COL_W, ROW_H } from '@/components/widgets/beam-search/layout';
import type { Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { ModelClient } from '@/lib/runtime/client';
import { ByteTokenizer } from '@/lib/tokenizer/byte';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();
const tok = new ByteTokenizer();
const V = 256;
const [A, B, X] = [65, 66, 88];

/** After the prompt "q": A 0.5, B 0.4; after A: X 0.4 (rest spread); after B: X 0.9. */
function probsAfter(ids: number[]): Map<number, number> {
  const gen = ids.slice(1);
  if (gen.length === 0) return new Map([[A, 0.5], [B, 0.4]]);
  if (gen[0] === A) return new Map([[X, 0.4]]);
  return new Map([[X, 0.9]]);
}

function fakeClient(): ModelClient {
  return {
    load: vi.fn(async (modelId: string) => ({ modelId, info: { config: { contextLength: 128 } }, backends: ['wasm' as const] })),
    choose: vi.fn(async () => ({ backend: 'wasm' as const, workload: 'prefill' as const, reason: 'test' })),
    run: vi.fn(async (_m: string, _v: string, feeds) => {
      const f = feeds[names.ids()];
      const T = f.dims[1];
      const ids = Array.from(f.data as BigInt64Array, Number);
      const probs = probsAfter(ids);
      let listed = 0;
      probs.forEach((p) => (listed += p));
      const rest = (1 - listed) / (V - probs.size);
      const data = new Float32Array(T * V);
      for (let v = 0; v < V; v++) data[(T - 1) * V + v] = Math.log(probs.get(v) ?? rest);
      return { backend: 'wasm' as const, ms: 1, outputs: { [names.logits()]: { dtype: 'float32' as const, dims: [1, T, V], data } } };
    }),
  } as unknown as ModelClient;
}

function setup(state: Partial<BeamSearchState>) {
  const deps: Deps = { client: async () => fakeClient(), tokenizer: async () => tok };
  render(<BeamSearchPanel state={{ ...beamSearchSchema.defaults, ...state }} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
}

describe('<BeamSearchPanel /> with a fake model client', () => {
  it('finds "BX" (p 0.36), which greedy ("AX", p 0.20) misses, and lists both with their summed log-probabilities', async () => {
    setup({ prompt: 'q', width: 2, steps: 2 });
    fireEvent.click(screen.getByRole('button', { name: 'Load the model' }));
    const table = await screen.findByRole('table', { name: /Final hypotheses/ });
    const rows = [...table.querySelectorAll('tbody tr')].map((r) => r.textContent);
    expect(rows[0]).toContain('Best: BX');
    expect(rows[0]).toContain(Math.log(0.36).toFixed(3));
    expect(rows[rows.length - 1]).toContain('Greedy: AX');
    expect(rows[rows.length - 1]).toContain(Math.log(0.2).toFixed(3));
  });
});

describe('beam-search layout', () => {
  const steps = [
    { step: 0, beams: [{ parent: 0, id: A, logProb: Math.log(0.5), tokenLogProb: Math.log(0.5) }, { parent: 0, id: B, logProb: Math.log(0.4), tokenLogProb: Math.log(0.4) }], finished: [], dropped: [] },
    { step: 1, beams: [{ parent: 1, id: X, logProb: Math.log(0.36), tokenLogProb: Math.log(0.9) }, { parent: 0, id: X, logProb: Math.log(0.2), tokenLogProb: Math.log(0.4) }], finished: [], dropped: [] },
  ];
  it('places one column per step and links each beam to its parent row', () => {
    const t = beamTree(steps, [B, X], [A, X]);
    expect(t.nodes.map((n) => [n.x, n.y, n.parentY])).toEqual([[0, 0, null], [0, ROW_H, null], [COL_W, 0, ROW_H], [COL_W, ROW_H, 0]]);
    expect(t.width).toBe(2 * COL_W);
  });
  it('flags the nodes on the best hypothesis and on the greedy path by their token paths', () => {
    const t = beamTree(steps, [B, X], [A, X]);
    expect(t.nodes.map((n) => n.path)).toEqual([[A], [B], [B, X], [A, X]]);
    expect(t.nodes.map((n) => n.best)).toEqual([false, true, true, false]);
    expect(t.nodes.map((n) => n.greedy)).toEqual([true, false, false, true]);
  });
});
