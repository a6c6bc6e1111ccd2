// @vitest-environment jsdom
/** The K/V sharing figure reads the served config and prints the KV-cache table for its shape. */
import { cleanup, render, waitFor } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import KvSharing from '@/components/widgets/attention-kv/KvSharing';
import { kvSchema } from '@/components/widgets/attention-kv/index';

afterEach(() => { cleanup(); vi.unstubAllGlobals(); });
const none: ReadonlySet<string> = new Set();
const config = JSON.parse(readFileSync('models/lm/config.json', 'utf8'));

describe('<KvSharing />', () => {
  it("draws MHA / GQA / MQA for lm's config and marks GQA (2 K/V heads) as ours: 8192 / 4096 / 2048 bytes per token in fp32", async () => {
    const fetch = vi.fn(async () => ({ ok: true, json: async () => config }));
    vi.stubGlobal('fetch', fetch);
    render(<KvSharing state={kvSchema.defaults} setState={vi.fn()} hidden={none} locked={none} />);
    await waitFor(() => expect(document.querySelectorAll('tr[data-kind]')).toHaveLength(3));
    expect(fetch).toHaveBeenCalledWith('/models/lm/config.json');
    const rows = [...document.querySelectorAll('tr[data-kind]')].map((r) => [r.getAttribute('data-kind'), r.getAttribute('data-bytes'), r.className]);
    expect(rows).toEqual([['MHA', '8192', ''], ['GQA', '4096', 'ax-ours'], ['MQA', '2048', '']]);
    expect(document.querySelectorAll('svg[role="img"]')).toHaveLength(3);
    expect(document.querySelector('svg[role="img"]')!.getAttribute('aria-label')).toMatch(/query head 3 reads K\/V head 3/);
  });

  it('fp16 halves every row', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => ({ ok: true, json: async () => config })));
    render(<KvSharing state={{ ...kvSchema.defaults, dtype: 'fp16' }} setState={vi.fn()} hidden={none} locked={none} />);
    await waitFor(() => expect(document.querySelectorAll('tr[data-kind]')).toHaveLength(3));
    expect([...document.querySelectorAll('tr[data-kind]')].map((r) => r.getAttribute('data-bytes'))).toEqual(['4096', '2048', '1024']);
  });
});
