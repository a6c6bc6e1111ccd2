/** "About the models": one card per model (and per tokenizer), or a friendly empty state. */
import type { ManifestEntry } from './manifest';
import { describeEntry, type ModelView } from './describe';
import { LiveSample } from './LiveSample';
import { CurvesSlot } from './CurvesSlot';
import './curves.css';

interface Props {
  entries: ManifestEntry[];
  tokenizers?: ManifestEntry[];
  error?: string;
  /** Ids of the models whose training log is served (their cards get training curves). */
  curves?: ReadonlySet<string>;
}

export function ModelCards({ entries, tokenizers = [], error, curves }: Props) {
  const note = error ? <p className="url-notes">{error}</p> : null;
  if (entries.length === 0) {
    return (
      <>
        {note}
        <div className="callout intro" data-testid="no-models">
          <p className="callout-title">No models yet</p>
          <p>
            The lab’s small models are still being trained. Lessons that need one will say so; everything else works
            already.
          </p>
        </div>
      </>
    );
  }
  return (
    <div className="model-cards">
      {note}
      {entries.map((m, i) => (
        <Card
          key={`m-${i}`}
          view={describeEntry(m, `Model ${i + 1}`)}
          chart={m.id && curves?.has(m.id) ? <CurvesSlot id={m.id} /> : undefined}
          live={<LiveSample entry={m} />}
        />
      ))}
      {tokenizers.length > 0 && <h2>Tokenizers</h2>}
      {tokenizers.map((t, i) => (
        <Card key={`t-${i}`} view={describeEntry(t, `Tokenizer ${i + 1}`)} />
      ))}
    </div>
  );
}

function Card({ view, chart, live }: { view: ModelView; chart?: React.ReactNode; live?: React.ReactNode }) {
  const hid = `model-${view.id.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  return (
    <section className="model-card" aria-labelledby={hid}>
      <h3 id={hid}>{view.id}</h3>
      {view.role && <p className="muted">{view.role}</p>}
      <dl>
        {view.rows.map((r) => (
          <div key={r.label} className="model-row">
            <dt>{r.label}</dt>
            <dd>{r.value}</dd>
          </div>
        ))}
      </dl>
      {chart}
      {live}
      {view.commands.length > 0 && (
        <details className="hint">
          <summary>How it was made</summary>
          {view.commands.map((c, i) => (
            <pre key={i} className="model-command">
              {c}
            </pre>
          ))}
        </details>
      )}
    </section>
  );
}
