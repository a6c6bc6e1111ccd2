'use client';
/** n-gram overlap of a test text with the training text of the corpus excerpt, overlapping spans highlighted. */
import { useEffect, useId, useState } from 'react';
import type { Overlap } from '@/lib/data/contamination';
import type { WidgetProps } from '../types';
import { loadExcerpt, type Excerpt } from '../data-common/excerpt';
import { JobStatus } from '../data-common/JobStatus';
import { useDataJob } from '../data-common/useDataJob';
import type { DataContaminationState } from './index';
import { PARAPHRASE, QUIZ, segments } from './layout';
import '../data-common/data.css';

const TEST_LABELS: Record<DataContaminationState['test'], string> = {
  validation: 'Held-out Austen (start of the validation split)',
  quiz: 'A quiz quoting Pride and Prejudice',
  paraphrase: 'Moby-Dick’s opening, paraphrased',
  mine: 'Your own text',
};

export default function DataContamination({ state, setState, hidden, locked }: WidgetProps<DataContaminationState>) {
  const ids = { test: useId(), mine: useId(), n: useId() };
  const [excerpt, setExcerpt] = useState<Excerpt | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    loadExcerpt().then(setExcerpt, (e: unknown) => setLoadError(String(e)));
  }, []);
  const val = excerpt?.windows.find((w) => w.role === 'validation')?.text ?? '';
  const test = state.test === 'validation' ? val : state.test === 'quiz' ? QUIZ : state.test === 'paraphrase' ? PARAPHRASE : state.mine;
  const train = excerpt ? excerpt.windows.filter((w) => w.role === 'train').map((w) => w.text) : [];
  const key = excerpt ? JSON.stringify([state.test, state.n, state.test === 'mine' ? state.mine : '']) : '';
  const job = useDataJob('data-contamination', excerpt && test.trim() ? { type: 'contam', train, test, n: state.n } : null, key);
  // the last result stays on screen, dimmed, while a new one is computed (shown with its own text and n)
  const shown = job.resultFor?.type === 'contam' && test.trim() ? job.resultFor : null;
  const o: Overlap | null = shown ? job.result : null;
  const stale = job.resultKey !== key || job.phase !== 'done';

  return (
    <div className="dw dc">
      <div className="dw-controls">
        {!hidden.has('test') && (
          <div className="control">
            <label htmlFor={ids.test}>Test text</label>
            <select id={ids.test} value={state.test} disabled={locked.has('test')} onChange={(e) => setState({ test: e.target.value as DataContaminationState['test'] })}>
              {(Object.keys(TEST_LABELS) as Array<DataContaminationState['test']>).map((k) => (
                <option key={k} value={k}>{TEST_LABELS[k]}</option>
              ))}
            </select>
          </div>
        )}
        {!hidden.has('n') && (
          <div className="control">
            <label htmlFor={ids.n}>
              n-gram length (words)<output htmlFor={ids.n}>{state.n}</output>
            </label>
            <input id={ids.n} type="range" min={3} max={20} step={1} value={state.n} disabled={locked.has('n')} onChange={(e) => setState({ n: Number(e.target.value) })} />
          </div>
        )}
      </div>
      {state.test === 'mine' && !hidden.has('mine') && (
        <div className="dw-controls">
          <div className="control" style={{ flexBasis: '100%' }}>
            <label htmlFor={ids.mine}>Your test text</label>
            <textarea id={ids.mine} rows={4} value={state.mine} readOnly={locked.has('mine')} placeholder="Paste a sentence you remember from Austen, Moby-Dick or the Bible — or anything else." onChange={(e) => setState({ mine: e.target.value })} spellCheck={false} />
          </div>
        </div>
      )}
      {loadError && <p className="dw-error" role="alert">{loadError}</p>}
      <p className="dw-small">
        Training text checked: the {excerpt ? `${Math.round(excerpt.trainChars / 1000)} KB` : ''} training excerpt this page ships (the full corpus is 9 MB). Case, punctuation and spacing are ignored.
      </p>
      <JobStatus job={job} label="Indexing training n-grams" />
      {o && shown && (
        <div className={stale ? 'dw-stale' : undefined} data-result={stale ? 'stale' : 'fresh'} aria-busy={stale}>
          <dl className="dw-stats" data-matched={o.matched} data-ngrams={o.ngrams}>
            <div><dt>Verdict</dt><dd>{o.matched > 0 ? 'contaminated' : 'clean'}</dd></div>
            <div><dt>Test {shown.n}-grams in training</dt><dd>{o.matched} of {o.ngrams}</dd></div>
            <div><dt>Test words covered</dt><dd>{o.coveredWords} of {o.words} ({o.words ? ((100 * o.coveredWords) / o.words).toFixed(1) : 0}%)</dd></div>
          </dl>
          <p className="dw-text dc-text" tabIndex={0} role="region" aria-label="Test text; overlapping spans are marked">
            {segments(shown.test, o.spans).map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
          </p>
        </div>
      )}
    </div>
  );
}
