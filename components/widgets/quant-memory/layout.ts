/** The memory table: rows = models, columns = formats, cells = GB of weights (lib/quant/memory). */
import { GB, PAPER_BPW, paperModels, weightBytes } from '@/lib/quant/memory';

export interface MemoryCell { format: string; bpw: number; gb: number; fits: boolean }
export interface MemoryRow { name: string; params: number; source: string; cells: MemoryCell[] }

export function memoryTable(budgetGb: number): MemoryRow[] {
  return paperModels().map((m) => ({
    name: m.name, params: m.params, source: m.source,
    cells: Object.entries(PAPER_BPW).map(([format, bpw]) => {
      const gb = weightBytes(m.params, bpw) / GB;
      return { format, bpw, gb, fits: gb <= budgetGb };
    }),
  }));
}

export const fmtGb = (gb: number): string => (gb >= 100 ? gb.toFixed(0) : gb.toFixed(1));
