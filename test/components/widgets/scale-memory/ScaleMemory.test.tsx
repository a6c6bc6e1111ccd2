// @vitest-environment jsdom
/**
 * The scale-memory widget: default state (Llama 7B, bf16 mixed Adam) shows 6,738,415,616 params and
 * 16 bytes per parameter of model states; changing precision or model updates the numbers.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import ScaleMemory from '@/components/widgets/scale-memory/ScaleMemory';
import { scaleMemorySchema, type ScaleMemoryState } from '@/components/widgets/scale-memory/index';
import { memoryView } from '@/components/widgets/scale-memory/layout';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();

function Harness({ init }: { init: Partial<ScaleMemoryState> }) {
  const [state, set] = useState<ScaleMemoryState>({ ...scaleMemorySchema.defaults, ...init });
  return <ScaleMemory state={state} setState={(p) => set((s) => ({ ...s, ...p }))} hidden={none} locked={none} />;
}

describe('scale-memory', () => {
  it('memoryView: Llama 7B, mixed Adam, 2048 tokens: the doc comment\'s numbers', () => {
    const v = memoryView(scaleMemorySchema.defaults);
    expect(v.params.total).toBe(6_738_415_616);
    expect(v.current.total).toBe(16 * 6_738_415_616);
    expect(v.current.activations).toBe(32 * 2048 * 4096 * 114);
    expect(v.combos).toHaveLength(6);
  });
  it('renders the parameter count and the paper figure, and recomputes when precision changes', () => {
    const { container } = render(<Harness init={{}} />);
    expect(screen.getByTestId('params').textContent).toContain('6,738,415,616');
    expect(container.textContent).toContain('Touvron et al. 2023a, Table 2 prints 6.7B');
    expect(screen.getByTestId('weights').textContent).toBe('13.5 GB');
    fireEvent.change(screen.getByLabelText('Precision'), { target: { value: 'fp32' } });
    expect(screen.getByTestId('weights').textContent).toBe('27 GB');
    expect(container.querySelectorAll('details table tbody tr')).toHaveLength(6);
  });
  it('the dashed 80 GB line is drawn over the bars but under every label, and labels carry a halo', () => {
    const { container } = render(<Harness init={{}} />);
    const svg = container.querySelector('figure svg')!;
    const all = [...svg.querySelectorAll('rect, line.sc-limit, text.sc-label')];
    const limit = all.findIndex((e) => e.matches('line.sc-limit'));
    expect(limit).toBeGreaterThan(0);
    expect(all.slice(0, limit).every((e) => e.tagName === 'rect')).toBe(true);
    const labels = all.slice(limit + 1);
    expect(labels.length).toBe(12); // a name and a value for each of the six bars
    expect(labels.every((e) => e.tagName === 'text' && e.classList.contains('sc-halo'))).toBe(true);
  });
  it('GPT-2 small shows the paper-vs-release discrepancy', () => {
    const { container } = render(<Harness init={{ model: 'gpt2-small' }} />);
    expect(container.textContent).toMatch(/prints 117M; the released checkpoint is called 124M/);
  });
  it('custom fields appear only for a custom model and change the count', () => {
    render(<Harness init={{ model: 'custom', layers: 2, dModel: 64, heads: 4, kvHeads: 4, dFF: 256, vocab: 100, style: 'gpt' }} />);
    const before = screen.getByTestId('params').textContent;
    fireEvent.change(screen.getByLabelText('Layers'), { target: { value: '3' } });
    expect(screen.getByTestId('params').textContent).not.toBe(before);
  });
});
