'use client';
/**
 * Lab benchmark of the two backends on this device: per workload (a 128-token prefill; one
 * decode token after 64 cached ones), the median ms per run on WASM and on WebGPU, the backend
 * the runtime picks for that workload (its own calibration), and pick ÷ fastest (1.00 = the
 * runtime picked the faster one). scripts/bench/runtime.bench.ts reads this page's table.
 */
import { useEffect, useState } from 'react';
import type { TransformerConfig } from '@/lib/model/config';
import type { Backend, BackendChoice, Workload } from '@/lib/runtime/protocol';
import { medianOf, modelFromSearch, ms } from './lab-math';
import { SITE_BASE } from '@/components/site-base';
import { reportToServiceWorker } from '@/components/ui/cache-report';

const REPEATS = 5;
interface Result {
  workload: Workload;
  wasm?: number;
  webgpu?: number;
  webgpuError?: string;
  pick?: BackendChoice;
}

function ratio(r: Result): number | undefined {
  if (!r.pick || r.wasm === undefined) return undefined;
  const fastest = Math.min(r.wasm, r.webgpu ?? Infinity);
  const picked = r.pick.backend === 'webgpu' ? r.webgpu : r.wasm;
  return picked === undefined ? undefined : picked / fastest;
}

export function RuntimeBench({ defaultModel = 'random:lm-shape', base = SITE_BASE }: { defaultModel?: string; base?: string }) {
  const [state, setState] = useState<'running' | 'done' | 'error'>('running');
  const [results, setResults] = useState<Result[]>([]);
  const [note, setNote] = useState('');
  const [model, setModel] = useState(defaultModel);

  useEffect(() => {
    const modelId = modelFromSearch(window.location.search, defaultModel);
    setModel(modelId);
    let dispose = () => {};
    (async () => {
      const [{ createModelClient }, { calibrationPlan }] = await Promise.all([import('@/lib/runtime/client'), import('@/lib/runtime/transformer')]);
      const c = createModelClient({ base, onResources: reportToServiceWorker }); // keeps ORT's wasm for offline use
      dispose = () => void c.dispose();
      const loaded = await c.load(modelId);
      const cfg = loaded.info.config as TransformerConfig;
      setNote(loaded.webgpuReason ?? '');
      const out: Result[] = [];
      for (const workload of ['prefill', 'decode'] as const) {
        const r: Result = { workload };
        for (const backend of loaded.backends as Backend[]) {
          const once = async () => {
            const { variant, feeds } = calibrationPlan(cfg)[workload]; // fresh feeds each run
            return (await c.run(modelId, variant, feeds, { backend, transfer: true })).ms;
          };
          try {
            await once(); // warm-up: session create, shader compile
            const times: number[] = [];
            for (let i = 0; i < REPEATS; i++) times.push(await once());
            r[backend] = medianOf(times);
          } catch (e) {
            if (backend === 'webgpu') r.webgpuError = e instanceof Error ? e.message : String(e);
            else throw e;
          }
        }
        r.pick = await c.choose(modelId, workload, { measured: true });
        out.push(r);
        setResults([...out]);
      }
      setState('done');
    })().catch((e) => {
      setNote(e instanceof Error ? e.message : String(e));
      setState('error');
    });
    return () => dispose();
  }, [base, defaultModel]);

  return (
    <section className="widget runtime-bench" data-state={state} aria-busy={state === 'running'}>
      <h2 className="widget-title">
        Backends on this device: <code>{model}</code>
      </h2>
      <p className="runtime-bench-note">
        Median ms per run over {REPEATS} runs after a warm-up; pick ÷ fastest = 1.00 means the runtime chose the faster
        backend.
      </p>
      <table>
        <caption>WASM and WebGPU timings on this device</caption>
        <thead>
          <tr>
            <th scope="col">Workload</th>
            <th scope="col">WASM</th>
            <th scope="col">WebGPU</th>
            <th scope="col">Runtime picks</th>
            <th scope="col">Pick ÷ fastest</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <tr key={r.workload} data-workload={r.workload} data-wasm={r.wasm} data-webgpu={r.webgpu} data-pick={r.pick?.backend} data-ratio={ratio(r)}>
              <th scope="row">{r.workload === 'prefill' ? '128-token prefill' : '1-token decode (64 cached)'}</th>
              <td>{ms(r.wasm)}</td>
              <td>{r.webgpuError ? `failed: ${r.webgpuError}` : ms(r.webgpu)}</td>
              <td title={r.pick?.reason}>{r.pick ? `${r.pick.backend} — ${r.pick.reason}` : '—'}</td>
              <td>{ratio(r)?.toFixed(2) ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status">{state === 'running' ? 'Measuring…' : state === 'done' ? 'Done.' : ''} {note}</p>
    </section>
  );
}
