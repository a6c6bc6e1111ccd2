// @vitest-environment jsdom
/**
 * 50 mount / unmount cycles of a live widget (the next-token panel, which loads a model and runs
 * it on every mount) against the real model runtime on onnxruntime-web (WASM, in process) with
 * the tiny-random model standing in for `lm`: the page's one model client keeps exactly one ORT
 * session however often the widget comes and goes, and nothing is left running.
 */
import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { NextTokenPanel } from '@/components/widgets/next-token/NextToken';
import { nextTokenSchema } from '@/components/widgets/next-token/index';
import type { Deps } from '@/components/lesson/live-model';
import { createModelClient } from '@/lib/runtime/client';
import { transformerModel } from '@/lib/runtime/transformer';
import { loadWeights } from '@/lib/model/weights';
import type { TransformerConfig } from '@/lib/model/config';
import { ByteTokenizer } from '@/lib/tokenizer/byte';
import { inProcessWorker } from '../../../lib/runtime/channel';

const none: ReadonlySet<string> = new Set();
const config = JSON.parse(readFileSync('models/tiny-random/config.json', 'utf8')) as TransformerConfig;
const worker = inProcessWorker(async () => transformerModel(config, await loadWeights(new Uint8Array(readFileSync('models/tiny-random/model.safetensors')), { config })));
const client = createModelClient({ worker });
const deps: Deps = { client: async () => client, tokenizer: async () => new ByteTokenizer() };
afterAll(() => client.dispose());

describe('50 mount/unmount cycles of a live widget', () => {
  it('leave one ORT session (created on the first mount) and no request pending', async () => {
    const runs: number[] = [];
    for (let cycle = 0; cycle < 50; cycle++) {
      render(<NextTokenPanel state={{ ...nextTokenSchema.defaults, prompt: `Cycle ${cycle}` }} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
      fireEvent.click(screen.getByRole('button', { name: 'Load the model' }));
      await screen.findByRole('img', { name: /Top 12 next tokens/ }, { timeout: 10_000 });
      cleanup();
      runs.push(worker.creates.length);
    }
    console.log(`ORT sessions after 1, 10, 50 cycles: ${runs[0]}, ${runs[9]}, ${runs[49]}`);
    expect(worker.creates).toEqual(['wasm']);
    const requests = worker.log.filter((m) => 'type' in m && ['load', 'run', 'choose'].includes(m.type as string)).length;
    const answers = worker.log.filter((m) => 'type' in m && (m.type === 'result' || m.type === 'error')).length;
    expect(answers).toBe(requests);
  }, 120_000);
});
