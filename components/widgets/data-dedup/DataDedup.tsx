'use client';
/** Near-duplicate passages (MinHash + LSH, SimHash) and exact repeated spans (suffix array) over the corpus excerpt, in a worker. */
import { useEffect, useMemo, useState } from 'react';
import type { ExactJob, NearJob } from '@/lib/data/jobs';
import { useWidth } from '@/components/ui/useWidth';
import type { WidgetProps } from '../types';
import { loadExcerpt, type Excerpt, type SourceFile } from '../data-common/excerpt';
import { JobStatus } from '../data-common/JobStatus';
import { useDataJob } from '../data-common/useDataJob';
import { Controls } from './Controls';
import type { DataDedupState } from './index';
import { ExactResults, NearResults } from './Results';
import { SCurveFigure } from './SCurveFigure';
import '../data-common/data.css';

const FILE: Record<Exclude<DataDedupState['source'], 'all'>, SourceFile> = { austen: 'austen.txt', moby: 'moby-dick.txt', kjv: 'kjv.txt' };

export default function DataDedup({ state, setState, hidden, locked }: WidgetProps<DataDedupState>) {
  const [excerpt, setExcerpt] = useState<Excerpt | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [ref, width] = useWidth<HTMLDivElement>(640);
  useEffect(() => {
    loadExcerpt().then(setExcerpt, (e: unknown) => setLoadError(String(e)));
  }, []);
  const keep = (f: SourceFile) => state.source === 'all' || FILE[state.source] === f;
  const passages = useMemo(() => (excerpt ? excerpt.passages.filter((p) => keep(p.file)) : []), [excerpt, state.source]); // eslint-disable-line react-hooks/exhaustive-deps
  const windows = useMemo(() => (excerpt ? excerpt.windows.filter((w) => w.role === 'train' && keep(w.file)) : []), [excerpt, state.source]); // eslint-disable-line react-hooks/exhaustive-deps

  const near = state.method !== 'exact';
  const params = { method: state.method === 'simhash' ? ('simhash' as const) : ('minhash' as const), n: state.n, r: state.rows, b: state.bands, threshold: state.threshold, k: state.bits, seed: state.seed };
  const nearKey = JSON.stringify([state.source, params]);
  const exactKey = JSON.stringify([state.source, state.minChars]);
  const key = excerpt ? (near ? `near:${nearKey}` : `exact:${exactKey}`) : '';
  const job = useDataJob(
    'data-dedup',
    !excerpt ? null : near ? { type: 'near', passages: passages.map((p) => p.text), params } : { type: 'exact', texts: windows.map((w) => w.text), k: state.minChars },
    key,
  );
  const isNear = (r: unknown): r is NearJob => !!r && typeof r === 'object' && 'pairs' in r;
  const isExact = (r: unknown): r is ExactJob => !!r && typeof r === 'object' && 'covered' in r;
  // The last result stays on screen, dimmed, while the next one is computed, as long as it was
  // computed for the same source and the same kind of method (its passages and labels still apply).
  const fresh = job.phase === 'done' && job.resultKey === key;
  const prev = job.resultFor;
  const prevSource = job.resultKey ? (JSON.parse(job.resultKey.slice(job.resultKey.indexOf(':') + 1)) as [string])[0] : null;
  const usable = prevSource === state.source && (prev?.type === 'near' ? near && params.method === prev.params.method : prev?.type === 'exact' && !near);

  return (
    <div className="dw dd" ref={ref}>
      <Controls state={state} setState={setState} hidden={hidden} locked={locked} />
      {state.method === 'minhash' && <SCurveFigure r={state.rows} b={state.bands} threshold={state.threshold} width={width} />}
      {loadError && <p className="dw-error" role="alert">{loadError}</p>}
      <JobStatus
        job={job}
        label={state.method === 'exact' ? 'Building the suffix array' : state.method === 'minhash' ? 'Hashing passages' : 'Fingerprinting passages'}
        doneText={job.ms !== null ? `Computed in your browser (a Web Worker) in ${Math.round(job.ms)} ms.` : undefined}
      />
      {excerpt && usable && (
        <div className={fresh ? undefined : 'dw-stale'} data-result={fresh ? 'fresh' : 'stale'} aria-busy={!fresh}>
          {prev?.type === 'near' && isNear(job.result) && <NearResults job={job.result} passages={passages} excerpt={excerpt} threshold={prev.params.threshold} method={prev.params.method} hideIdentical={state.hideIdentical} />}
          {prev?.type === 'exact' && isExact(job.result) && <ExactResults job={job.result} labels={windows.map((w) => w.label)} />}
        </div>
      )}
    </div>
  );
}
