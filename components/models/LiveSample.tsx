'use client';
/**
 * "Generate a sample" on a model card: runs that model live in this browser (the model worker of
 * lib/runtime, WebGPU or WASM) from a fixed prompt and seed, and shows the text as it streams.
 * Renders nothing for a manifest entry that does not use the lab's BPE tokenizer.
 */
import { useRef, useState } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { defaultDeps, friendlyError, TOKENIZER_FILE, type Deps } from '@/components/lesson/live-model';
import type { Backend, Progress } from '@/lib/runtime/protocol';
import '@/components/widgets/generate/generate.css';
import './live-sample.css';

export const SAMPLE = { prompt: 'It is a truth universally acknowledged, that', seed: 1234, maxNewTokens: 40, sampler: { temperature: 0.8, topK: 40 } } as const;

type Phase = 'idle' | 'loading' | 'generating' | 'done' | 'error';

/** True when the manifest entry's tokenizer is the one the lab ships (models/manifest.json → files.tokenizer). */
export function canSample(entry: Record<string, unknown>): boolean {
  const files = entry.files as { tokenizer?: unknown } | undefined;
  return typeof files?.tokenizer === 'string' && files.tokenizer.endsWith(TOKENIZER_FILE.split('/').pop()!);
}

export function LiveSample({ entry, deps = defaultDeps }: { entry: Record<string, unknown> & { id?: string }; deps?: Deps }) {
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [run, setRun] = useState<{ backend: { backend: Backend; reason: string }; tokens: number; perS: number | null } | null>(null);
  const busy = useRef(false);
  const modelId = entry.id;
  if (!modelId || !canSample(entry)) return null;

  async function sample(id: string) {
    if (busy.current) return;
    busy.current = true;
    setPhase('loading');
    setError(null);
    setText('');
    try {
      const [client, tok] = await Promise.all([deps.client(), deps.tokenizer()]);
      await client.load(id, { onProgress: setProgress });
      await client.setBackend('auto');
      const decode = await client.choose(id, 'decode');
      setPhase('generating');
      const ids: number[] = [];
      const ms: number[] = [];
      const r = await client.generate(id, { prompt: tok.encode(SAMPLE.prompt), maxNewTokens: SAMPLE.maxNewTokens, sampler: SAMPLE.sampler, seed: SAMPLE.seed }, (t) => {
        ids.push(t.id);
        ms.push(t.ms);
        setText(tok.decode(ids));
      });
      const rest = ms.slice(1).reduce((a, b) => a + b, 0);
      setRun({ backend: { backend: decode.backend, reason: decode.reason }, tokens: r.newIds.length, perS: rest > 0 ? ((ms.length - 1) * 1000) / rest : null });
      setPhase('done');
    } catch (e) {
      setError(friendlyError(e));
      setPhase('error');
    } finally {
      busy.current = false;
    }
  }

  const working = phase === 'loading' || phase === 'generating';
  return (
    <div className="live-sample" data-model={modelId} data-phase={phase}>
      <button type="button" className="btn" onClick={() => void sample(modelId)} disabled={working}>
        {phase === 'done' ? 'Generate again' : 'Generate a sample'}
      </button>
      <p className="muted live-sample-note">
        Generated live in this browser by <code>{modelId}</code> — not pre-written: prompt “{SAMPLE.prompt}”, seed {SAMPLE.seed},
        temperature {SAMPLE.sampler.temperature}, top-k {SAMPLE.sampler.topK}, {SAMPLE.maxNewTokens} tokens.
      </p>
      {phase === 'loading' && progress?.phase === 'download' && <ProgressBar loaded={progress.loaded} total={progress.total ?? 0} label={`Weights of ${modelId}`} />}
      <p role="status" aria-live="polite" className="sr-only">
        {phase === 'loading' ? 'Loading the model…' : phase === 'generating' ? 'Generating…' : phase === 'done' ? 'Sample ready.' : ''}
      </p>
      {text && (
        <p className="gen-output live-sample-text" aria-busy={phase === 'generating'}>
          <span className="gen-prompt">{SAMPLE.prompt}</span>
          <span className="gen-new">{text}</span>
        </p>
      )}
      {run && (
        <p className="muted live-sample-run">
          <BackendBadge backend={run.backend.backend} reason={run.backend.reason} /> {run.tokens} tokens
          {run.perS !== null && `, ${run.perS.toFixed(1)} tokens/s`}.
        </p>
      )}
      {error && <p className="gen-error" role="alert">{error}</p>}
    </div>
  );
}
