import type { Metadata } from 'next';
import '@/components/ui/styles/lesson.css';
import { RuntimeBench } from '@/components/lab/RuntimeBench';

export const metadata: Metadata = { title: 'Backend benchmark' };

/** Lab tool: WASM vs WebGPU on this device for prefill and decode, and what the runtime picks. */
export default function RuntimeBenchPage() {
  return (
    <div className="page">
      <h1>Backend benchmark</h1>
      <p className="lead">
        How fast this device runs a small language model (<code>random:lm-shape</code>, about 4.8 M parameters) on
        WASM and on WebGPU, and whether the runtime&apos;s own measurement picks the faster one.
      </p>
      <RuntimeBench />
    </div>
  );
}
