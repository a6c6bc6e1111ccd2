// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import QuantMemory from '@/components/widgets/quant-memory/QuantMemory';
import { fmtGb, memoryTable } from '@/components/widgets/quant-memory/layout';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();

describe('quant-memory', () => {
  it('LLaMA 7B: 13.5 GB in fp16 (does not fit 8… fits 16 GB), 3.8 GB at 4.5 bits', () => {
    const r = memoryTable(16)[0];
    const fp16 = r.cells.find((c) => c.format === 'fp16')!;
    expect(fmtGb(fp16.gb)).toBe('13.5');
    expect(fp16.fits).toBe(true);
    expect(fmtGb(r.cells.find((c) => c.format === 'int4 (g = 32, fp16 scale)')!.gb)).toBe('3.8');
  });
  it('at 48 GB only the 4-bit formats of LLaMA 65B fit, NF4 + double quantization at 33.7 GB', () => {
    render(<QuantMemory state={{ budget: '48' }} setState={vi.fn()} hidden={none} locked={none} />);
    const row = screen.getByRole('row', { name: /LLaMA 65B/ });
    const fits = [...row.querySelectorAll('td.qm-fits')].map((td) => td.textContent);
    expect(fits).toEqual(['36.7 (fits)', '36.7 (fits)', '33.7 (fits)']);
  });
});
