import type { Metadata } from 'next';
import '@/components/ui/styles/lesson.css';
import { RuntimeCheck } from '@/components/lab/RuntimeCheck';

export const metadata: Metadata = { title: 'Runtime check' };

/** Lab tool: does this browser run our ONNX graphs on WASM and WebGPU, and agree with the TS forward? */
export default function RuntimeLabPage() {
  return (
    <div className="page">
      <h1>Runtime check</h1>
      <p className="lead">
        The same small model, run by onnxruntime-web on WASM and on WebGPU in a worker, compared with the
        TypeScript reference forward computed in this page. Add <code>?model=random:lm-shape</code> to try another model.
      </p>
      <RuntimeCheck />
    </div>
  );
}
