'use client';
/** What the run is doing (announced politely), its speed, and which engine ran each part and why. */
import type { Backend } from '@/lib/runtime/protocol';
import { speedOf } from './steps';
import type { RunView } from './useGenerator';

const NAME: Record<Backend, string> = { webgpu: 'WebGPU', wasm: 'WASM' };
const STOPPED: Record<string, string> = {
  'max-tokens': 'reached the token limit',
  'stop-id': 'the model produced a stop token',
  context: "reached the model's context length",
  aborted: 'stopped by you',
};

function phaseText(v: RunView): string {
  switch (v.phase) {
    case 'idle': return 'The model (a few MB) downloads when you press Generate.';
    case 'loading': return v.progress?.phase === 'verify' ? 'Checking the model file (sha256)…' : 'Loading the model…';
    case 'choosing': return 'Choosing WebGPU or WASM (timing both on this device the first time)…';
    case 'generating': return `Generating… ${v.newIds.length} tokens`;
    case 'tapping': return 'Reading the attention taps…';
    case 'done': return `Done: ${v.newIds.length} tokens, ${STOPPED[v.stopReason ?? ''] ?? v.stopReason}.`;
    case 'error': return 'Something went wrong (see above).';
  }
}

export function RunStatus({ view }: { view: RunView }) {
  const speed = speedOf(view.stepMs);
  return (
    <div className="gen-status">
      <p role="status" aria-live="polite" className="gen-phase">{phaseText(view)}</p>
      {speed.tokens > 0 && (
        <p className="gen-speed muted" data-first-ms={speed.firstMs.toFixed(1)} data-tokens-per-s={speed.decodePerS?.toFixed(2) ?? ''}>
          First token {Math.round(speed.firstMs)} ms (reads the {view.promptIds.length}-token prompt; the first run also builds the graph)
          {speed.decodePerS !== null && <>, then {speed.decodePerS.toFixed(1)} tokens/s</>}.
        </p>
      )}
      {view.choices.length > 0 && (
        <details className="gen-why">
          <summary>Which engine runs it, and why</summary>
          <ul>
            {view.choices.map((c) => (
              <li key={c.workload} data-backend={c.backend}>
                {c.workload === 'prefill' ? 'Reading the prompt' : 'Each new token'}: <b>{NAME[c.backend]}</b> — {c.reason}
              </li>
            ))}
            {view.backends.length > 0 && <li>This generation ran on {view.backends.map((b) => NAME[b]).join(' + ')}.</li>}
            {view.tap && (
              <li data-tap-backend={view.tap.backend}>
                The attention map comes from the graph&apos;s own taps, run on {NAME[view.tap.backend]} in {Math.round(view.tap.ms)} ms.
              </li>
            )}
          </ul>
        </details>
      )}
    </div>
  );
}
