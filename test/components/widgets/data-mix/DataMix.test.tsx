// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import DataMix from '@/components/widgets/data-mix/DataMix';
import { dataMixSchema } from '@/components/widgets/data-mix';
import { formatTokens, scaleBars } from '@/components/widgets/data-mix/layout';

afterEach(cleanup);
const none = new Set<string>();
const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8'));

describe('<DataMix />', () => {
  it("shows lm's sources with the manifest's token counts and passes = seen / tokens", () => {
    const { container } = render(<DataMix state={dataMixSchema.defaults} setState={vi.fn()} hidden={none} locked={none} />);
    for (const c of manifest.models.lm.corpus) {
      const name = c.text.replace('training/data/', '');
      const row = container.querySelector(`tr[data-source="${name}"]`)!;
      expect(row.textContent).toContain(c.tokens.toLocaleString('en-US'));
    }
    const epochs = [...container.querySelectorAll('[data-epochs]')].map((e) => Number(e.getAttribute('data-epochs')));
    expect(epochs[0]).toBeCloseTo(77_004_800 / 1_016_970, 9);
    expect(screen.getByRole('img', { name: /GPT-3 175B 300B/ })).toBeInTheDocument();
  });

  it('the axis select asks for a linear axis', () => {
    const setState = vi.fn();
    render(<DataMix state={dataMixSchema.defaults} setState={setState} hidden={none} locked={none} />);
    fireEvent.change(screen.getByLabelText('Axis'), { target: { value: 'linear' } });
    expect(setState).toHaveBeenCalledWith({ axis: 'linear' });
  });
});

describe('data-mix layout', () => {
  it('log bars: 10^5 is the left edge, the largest value the full width; linear bars are proportional', () => {
    const items = [{ label: 'a', value: 1e5, ours: true }, { label: 'b', value: 1e7, ours: false }];
    const log = scaleBars(items, 'log', 200);
    expect(log.bars.map((b) => b.width)).toEqual([2, 200]); // 0 px → the 2 px minimum
    expect(log.ticks.map((t) => t.x)).toEqual([0, 100, 200]);
    const lin = scaleBars(items, 'linear', 200);
    expect(lin.bars[1].width).toBe(200);
    expect(lin.bars[0].width).toBe(2);
  });

  it('formats token counts', () => {
    expect([formatTokens(2_750_450), formatTokens(3e11), formatTokens(1.4e12), formatTokens(999)]).toEqual(['2.75M', '300B', '1.4T', '999']);
  });
});
