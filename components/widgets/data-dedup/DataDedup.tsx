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
  const job = useDataJob(
    'data-dedup',
    !excerpt ? null : near ? { type: 'near', passages: passages.map((p) => p.text), params } : { type: 'exact', texts: windows.map((w) => w.text), k: state.minChars },
    excerpt ? (near ? `near:${nearKey}` : `exact:${exactKey}`) : '',
  );
  const isNear = (r: unknown): r is NearJob => !!r && typeof r === 'object' && 'pairs' in r;
  const isExact = (r: unknown): r is ExactJob => !!r && typeof r === 'object' && 'covered' in r;
  const fresh = job.phase === 'done';

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
      {excerpt && fresh && near && isNear(job.result) && <NearResults job={job.result} passages={passages} excerpt={excerpt} threshold={state.threshold} method={params.method} hideIdentical={state.hideIdentical} />}
      {excerpt && fresh && !near && isExact(job.result) && <ExactResults job={job.result} labels={windows.map((w) => w.label)} />}
    </div>
  );
}
