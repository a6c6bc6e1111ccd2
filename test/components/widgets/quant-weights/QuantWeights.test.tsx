// @vitest-environment jsdom
/**
 * quant-weights against a fake model client whose 'quant:*' load returns a real QuantSummary
 * (lib/quant on tiny-random's weights): the button loads the right model id, the histogram and
 * the error table render, a new format reloads, NF4 says "simulated", a table cell selects.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QuantWeightsPanel } from '@/components/widgets/quant-weights/QuantWeights';
import { FORMAT_CHOICES, quantWeightsSchema, type QuantWeightsState } from '@/components/widgets/quant-weights/index';
import { FORMAT_LABELS } from '@/components/widgets/quant-weights/FormatControls';
import { errorShade, layoutHistogram } from '@/components/widgets/quant-weights/layout';
import type { Deps } from '@/components/lesson/live-model';
import type { ModelClient } from '@/lib/runtime/client';
import { parseQuantId } from '@/lib/runtime/quant';
import { randomWeights } from '@/lib/model/init';
import { presets } from '@/lib/model/presets';
import type { TransformerConfig } from '@/lib/model/config';
import { FORMAT_IDS, FORMATS, quantizeModel, summarize } from '@/lib/quant';
import { ByteTokenizer } from '@/lib/tokenizer/byte';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();
const cfg = { ...presets['tiny-random'] } as TransformerConfig; // dModel 64, dFF 128, 2 layers
const w = randomWeights(cfg, 3);

function fakeClient(): ModelClient {
  return {
    load: vi.fn(async (modelId: string) => {
      const { params } = parseQuantId(modelId);
      return { modelId, info: { quant: summarize(quantizeModel(cfg, w, params), w) }, backends: ['wasm' as const] };
    }),
    dispose: vi.fn(async () => {}),
  } as unknown as ModelClient;
}

function setup(state: Partial<QuantWeightsState>, client = fakeClient()) {
  const deps: Deps = { client: async () => client, tokenizer: async () => new ByteTokenizer() };
  const setState = vi.fn();
  const full = { ...quantWeightsSchema.defaults, ...state };
  const r = render(<QuantWeightsPanel state={full} setState={setState} hidden={none} locked={none} deps={deps} />);
  const rerender = (s: Partial<QuantWeightsState>) => r.rerender(<QuantWeightsPanel state={{ ...full, ...s }} setState={setState} hidden={none} locked={none} deps={deps} />);
  return { client, setState, rerender };
}

describe('<QuantWeightsPanel /> with a fake client', () => {
  it('loads quant:int4:g32:c1:lm, then draws the histogram with the 15-value grid and the error of every matrix', async () => {
    const { client } = setup({ layer: 1, matrix: 'mlp.w2' });
    fireEvent.click(screen.getByRole('button', { name: /Load the model and quantize/ }));
    await screen.findByRole('img', { name: /Histogram of blocks\.1\.mlp\.w2\.weight/ });
    expect(client.load).toHaveBeenCalledWith('quant:int4:g32:c1:lm', expect.anything());
    expect(document.querySelector('.qw-hist')!.getAttribute('data-grid')).toBe('15');
    expect(screen.getAllByRole('button', { name: /^layer \d/ })).toHaveLength(cfg.nLayer * 7);
    expect(document.querySelector('[data-ort]')!.getAttribute('data-ort')).toBe('MatMulNBits');
  });
  it('reloads when the format changes, and says "Simulated" for NF4', async () => {
    const { client, rerender } = setup({});
    fireEvent.click(screen.getByRole('button', { name: /Load the model and quantize/ }));
    await screen.findByRole('img', { name: /Histogram/ });
    rerender({ format: 'nf4', group: '64' });
    await waitFor(() => expect(client.load).toHaveBeenLastCalledWith('quant:nf4:g64:c1:lm', expect.anything()));
    await waitFor(() => expect(screen.getByText(/Simulated: weights dequantized before the run/)).toBeTruthy());
  });
  it('a cell of the error table selects its layer and matrix', async () => {
    const { setState } = setup({});
    fireEvent.click(screen.getByRole('button', { name: /Load the model and quantize/ }));
    const cell = await screen.findByRole('button', { name: /^layer 1 attn\.wk/ });
    fireEvent.click(cell);
    expect(setState).toHaveBeenCalledWith({ layer: 1, matrix: 'attn.wk' });
  });
});

describe('quant-weights definitions and layout', () => {
  it('lists the same formats and labels as lib/quant', () => {
    expect([...FORMAT_CHOICES]).toEqual([...FORMAT_IDS]);
    for (const f of FORMAT_IDS) expect(FORMAT_LABELS[f]).toBe(FORMATS[f].label);
  });
  it('histogram: bars span the width, grid ticks sit at their values, √count heights', () => {
    const t = summarize(quantizeModel(cfg, w, { format: 'int4', groupSize: 32 }), w).tensors[0];
    const v = layoutHistogram(t, 480, 220);
    expect(v.bars).toHaveLength(t.before.length);
    expect(v.bars.at(-1)!.x + v.bars.at(-1)!.w).toBeCloseTo(480, 6);
    expect(v.x(0)).toBeCloseTo(240, 6); // symmetric range [-max|w|, max|w|]
    const tallest = Math.max(...t.before, ...t.after);
    expect(Math.max(...v.bars.map((b) => Math.max(b.hBefore, b.hAfter)))).toBeCloseTo(v.plotHeight, 6);
    expect(v.bars.find((b) => b.before === tallest || b.after === tallest)).toBeTruthy();
  });
  it('error shade is 0 at or below 0.1 % and 1 at 30 % and above', () => {
    expect(errorShade(0)).toBe(0);
    expect(errorShade(0.001)).toBe(0);
    expect(errorShade(0.3)).toBeCloseTo(1, 12);
    expect(errorShade(0.5)).toBe(1);
  });
});
