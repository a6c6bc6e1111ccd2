// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import KvMemory from '@/components/widgets/kv-memory/KvMemory';
import { kvMemorySchema } from '@/components/widgets/kv-memory/index';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();
const rows = () => [...screen.getByTestId('kv-memory-table').querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent));

describe('<KvMemory />', () => {
  it('shows Llama 2 70B under MHA, its GQA-8 and MQA in fp16 at 4096 tokens', () => {
    render(<KvMemory state={kvMemorySchema.defaults} setState={vi.fn()} hidden={none} locked={none} />);
    expect(rows()).toEqual([['MHA (64 kv)', '2.5 MiB', '10 GiB'], ['GQA (8 kv) ★', '320 KiB', '1.25 GiB'], ['MQA (1 kv)', '40 KiB', '160 MiB']]);
  });

  it('gives OPT-13B the 800 KiB per token of Kwon et al., and notes a length past the context', () => {
    render(<KvMemory state={{ ...kvMemorySchema.defaults, model: 'opt-13b', tokens: 4096 }} setState={vi.fn()} hidden={none} locked={none} />);
    expect(rows()[0]).toEqual(['MHA (40 kv) ★', '800 KiB', '3.13 GiB']);
    expect(screen.getByText(/more than OPT-13B's context of 2,048/)).toBeTruthy();
  });
});
