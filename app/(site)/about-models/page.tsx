import type { Metadata } from 'next';
import Link from 'next/link';
import { readManifest, trainingLogIds } from '@/components/models/manifest';
import { ModelCards } from '@/components/models/ModelCards';
import '@/components/ui/styles/lesson.css';

export const metadata: Metadata = { title: 'About the models' };

export default function AboutModels() {
  const { entries, tokenizers, error } = readManifest();
  return (
    <div className="page">
      <h1>About the models</h1>
      <p className="lead">
        Every model in the lab is small enough to download in seconds and run in your browser. Here is what each one
        is, what it was trained on, and how it was made.
      </p>
      <p className="lab-links">
        <Link href="/lab/runtime/">Check the runtime in your browser</Link>: the same model on WASM and WebGPU, compared
        with the TypeScript reference. Or <Link href="/lab/runtime-bench/">benchmark the two backends</Link> on this
        device.
      </p>
      <ModelCards entries={entries} tokenizers={tokenizers} error={error} curves={trainingLogIds(entries)} />
    </div>
  );
}
