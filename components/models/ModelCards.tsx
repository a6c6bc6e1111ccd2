/** "About the models": one card per manifest entry, or a friendly empty state. */
import type { ManifestEntry } from './manifest';
import { formatBytes } from '@/components/ui/ProgressBar';

const FIRST = ['params', 'bytes', 'corpus', 'licence', 'license', 'recipe', 'sha256'];

function show(key: string, v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (key === 'bytes' && typeof v === 'number') return `${formatBytes(v)} (${v.toLocaleString('en')} bytes)`;
  if (key === 'params' && typeof v === 'number') return v.toLocaleString('en');
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v, null, 1);
}

export function ModelCards({ entries, error }: { entries: ManifestEntry[]; error?: string }) {
  const note = error ? <p className="url-notes">{error}</p> : null;
  if (entries.length === 0) {
    if (note) return note;
    return (
      <div className="callout intro" data-testid="no-models">
        <p className="callout-title">No models yet</p>
        <p>
          The lab’s small models are still being trained. Lessons that need one will say so; everything else works
          already.
        </p>
      </div>
    );
  }
  return (
    <div className="model-cards">
      {note}
      {entries.map((m, i) => {
        const keys = Object.keys(m).filter((k) => k !== 'id');
        keys.sort((a, b) => (FIRST.indexOf(a) + 1 || 99) - (FIRST.indexOf(b) + 1 || 99));
        return (
          <section key={String(m.id ?? i)} className="model-card" aria-labelledby={`model-${i}`}>
            <h2 id={`model-${i}`}>{String(m.id ?? `Model ${i + 1}`)}</h2>
            <dl>
              {keys.map((k) => (
                <div key={k} className="model-row">
                  <dt>{k}</dt>
                  <dd>{typeof m[k] === 'object' && m[k] !== null ? <pre>{show(k, m[k])}</pre> : show(k, m[k])}</dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </div>
  );
}
