'use client';
/**
 * Lab check of the model runtime: one prompt through the same model three ways — the eager TS
 * forward (here, on the main thread) and onnxruntime-web on WASM and on WebGPU (in the model
 * worker) — with the largest logit difference to the eager result, and the backend the runtime
 * would choose per workload (and why). Everything loads lazily when the page mounts.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { setBackendStatus } from '@/components/ui/backend-status';
import type { ModelClient } from '@/lib/runtime/client';
import type { Backend, BackendChoice, Progress } from '@/lib/runtime/protocol';
import { maxAbsDiff, modelFromSearch, ms } from './lab-math';
import { SITE_BASE } from '@/components/site-base';
import { reportToServiceWorker } from '@/components/ui/cache-report';

/** Agreement needed between ORT and the eager forward (float32 logits of size ~1). */
export const TOLERANCE = 1e-3;
const PROMPT = [1, 7, 42, 99, 128, 3, 250, 17, 64, 5, 200, 31];
/** generate check: seeded sampling, the same draws on both sides when the logits agree. */
const GEN = { maxNewTokens: 8, sampler: { temperature: 1 }, seed: 7 };

interface GenCheck {
  worker: number[];
  eager: number[];
  streamed: number;
  backends: string[];
  /** The same generation forced onto WebGPU (KV cache on the GPU, step decoder), where available. */
  webgpu?: number[];
  /** Of those, the decode steps the WebGPU step decoder ran (0: it fell back to session runs). */
  stepped?: number;
}

type RowState = 'waiting' | 'running' | 'ok' | 'mismatch' | 'unavailable' | 'error';
interface Row {
  backend: Backend;
  state: RowState;
  ms?: number;
  maxErr?: number;
  note?: string;
}
const BACKENDS: Backend[] = ['wasm', 'webgpu'];
const fresh = (): Row[] => BACKENDS.map((backend) => ({ backend, state: 'waiting' }));

export function RuntimeCheck({ defaultModel = 'tiny-random', base = SITE_BASE }: { defaultModel?: string; base?: string }) {
  const [state, setState] = useState<'idle' | 'running' | 'done' | 'error'>('idle');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [rows, setRows] = useState<Row[]>(fresh);
  const [choices, setChoices] = useState<BackendChoice[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [gen, setGen] = useState<GenCheck | null>(null);
  const [model, setModel] = useState(defaultModel);
  const client = useRef<ModelClient | null>(null);

  const patch = (backend: Backend, r: Partial<Row>) => setRows((rs) => rs.map((x) => (x.backend === backend ? { ...x, ...r } : x)));

  const check = useCallback(async (modelId: string) => {
    setState('running');
    setRows(fresh());
    setChoices([]);
    setGen(null);
    setError(null);
    try {
      const [{ createModelClient }, { modelWeights, idsTensor, lastLogits }, { eagerStep }, { generate }, { mulberry32 }] = await Promise.all([
        import('@/lib/runtime/client'), import('@/lib/runtime/transformer'), import('@/lib/model/kvcache'),
        import('@/lib/sample'), import('@/lib/tensor'),
      ]);
      client.current ??= createModelClient({ base, onResources: reportToServiceWorker }); // keeps ORT's wasm for offline use
      const c = client.current;
      const loaded = await c.load(modelId, { onProgress: setProgress });
      // the eager reference, computed here on the main thread from the same files
      const { config, weights } = await modelWeights(modelId, `${base}models/`);
      const ids = { data: BigInt64Array.from(PROMPT.map(BigInt)), shape: [1, PROMPT.length] };
      const eager = eagerStep(config, weights, ids).logits.data; // [1, T, V]
      for (const backend of BACKENDS) {
        if (!loaded.backends.includes(backend)) {
          patch(backend, { state: 'unavailable', note: loaded.webgpuReason });
          continue;
        }
        patch(backend, { state: 'running' });
        try {
          await c.run(modelId, 'logits', { ids: idsTensor(PROMPT) }, { backend }); // creates the session
          const r = await c.run(modelId, 'logits', { ids: idsTensor(PROMPT) }, { backend });
          const err = maxAbsDiff(r.outputs.logits.data as Float32Array, eager);
          patch(backend, { state: err <= TOLERANCE ? 'ok' : 'mismatch', ms: r.ms, maxErr: err });
        } catch (e) {
          patch(backend, { state: 'error', note: e instanceof Error ? e.message : String(e) });
        }
      }
      // generate: streamed from the worker (kv-prefill + kv-decode) vs the eager loop here
      let streamed = 0;
      const w = await c.generate(modelId, { prompt: PROMPT, ...GEN }, () => streamed++);
      const e = await generate({
        prompt: PROMPT, maxNewTokens: GEN.maxNewTokens, sampler: GEN.sampler, rng: mulberry32(GEN.seed),
        nextLogits: (all) => {
          const l = eagerStep(config, weights, { data: BigInt64Array.from(all.map(BigInt)), shape: [1, all.length] }).logits;
          return lastLogits({ dtype: 'float32', dims: l.shape, data: l.data as Float32Array });
        },
      });
      let webgpu: number[] | undefined, stepped: number | undefined;
      if (loaded.backends.includes('webgpu')) {
        await c.setBackend('webgpu');
        const g = await c.generate(modelId, { prompt: PROMPT, ...GEN });
        [webgpu, stepped] = [g.newIds, g.stepped ?? 0];
        await c.setBackend('auto');
      }
      setGen({ worker: w.newIds, eager: e.newIds, streamed, backends: w.backends, webgpu, stepped });
      const picked = [await c.choose(modelId, 'prefill', { measured: true }), await c.choose(modelId, 'decode', { measured: true })];
      setChoices(picked);
      setBackendStatus({ backend: picked[1].backend, reason: picked[1].reason });
      setState('done');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setState('error');
    }
  }, [base]);

  useEffect(() => {
    const m = modelFromSearch(window.location.search, defaultModel);
    setModel(m);
    void check(m);
    return () => {
      void client.current?.dispose();
      client.current = null;
    };
  }, [check, defaultModel]);

  return (
    <section className="widget runtime-check" data-state={state} aria-busy={state === 'running'}>
      <div className="widget-head">
        <h2 className="widget-title">Model <code>{model}</code>: ORT vs the TS forward</h2>
        <button type="button" className="btn btn-small" onClick={() => void check(model)} disabled={state === 'running'}>
          Run again
        </button>
      </div>
      {progress && progress.phase === 'download' && state === 'running' && (
        <ProgressBar label="Model weights" loaded={progress.loaded} total={progress.total ?? 0} />
      )}
      <table>
        <caption>Logits for a {PROMPT.length}-token prompt, compared with the eager TS forward (tolerance {TOLERANCE})</caption>
        <thead>
          <tr>
            <th scope="col">Backend</th>
            <th scope="col">Result</th>
            <th scope="col">Max |Δ logit|</th>
            <th scope="col">Time per run</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.backend} data-backend={r.backend} data-state={r.state} data-max-err={r.maxErr}>
              <th scope="row">{r.backend === 'webgpu' ? 'WebGPU' : 'WASM (CPU)'}</th>
              <td>
                {r.state}
                {r.note && <span className="runtime-note"> — {r.note}</span>}
              </td>
              <td>{r.maxErr === undefined ? '—' : r.maxErr.toExponential(2)}</td>
              <td>{ms(r.ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {gen && (
        <p className="runtime-gen" data-same={String(gen.worker.join() === gen.eager.join())} data-streamed={gen.streamed}>
          generate ({GEN.maxNewTokens} tokens, seed {GEN.seed}, on {gen.backends.join(' + ')}): worker{' '}
          <code>{gen.worker.join(' ')}</code>, eager <code>{gen.eager.join(' ')}</code> —{' '}
          {gen.worker.join() === gen.eager.join() ? 'same tokens' : 'DIFFERENT tokens'}, {gen.streamed} streamed
          {gen.webgpu && (
            <span className="runtime-gen-webgpu" data-same={String(gen.webgpu.join() === gen.eager.join())} data-stepped={gen.stepped}>
              ; forced onto WebGPU (cache kept on the GPU, {gen.stepped} decode steps on the step decoder): {gen.webgpu.join() === gen.eager.join() ? 'same tokens' : <>DIFFERENT tokens <code>{gen.webgpu.join(' ')}</code></>}
            </span>
          )}
        </p>
      )}
      {choices.length > 0 && (
        <ul className="runtime-choices" aria-label="Backend the runtime chooses">
          {choices.map((c) => (
            <li key={c.workload} data-workload={c.workload} data-backend={c.backend}>
              {c.workload}: <BackendBadge backend={c.backend} /> {c.reason}
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="widget-loading-free">
        {state === 'running' ? 'Checking…' : state === 'done' ? 'Check finished.' : ''}
      </p>
      {error && <p role="alert" className="runtime-error">Runtime error: {error}</p>}
    </section>
  );
}
