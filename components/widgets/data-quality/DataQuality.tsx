'use client';
/** Gopher-style quality rules on passages of the corpus excerpt: thresholds live, dropped passages shown. */
import { useEffect, useId, useMemo, useState } from 'react';
import { letterDistance, letterProfile, qualityStats, type QualityStats } from '@/lib/data/quality';
import type { WidgetProps } from '../types';
import { loadExcerpt, type Excerpt, type SourceFile } from '../data-common/excerpt';
import { JobStatus } from '../data-common/JobStatus';
import { useDataJob } from '../data-common/useDataJob';
import { QUALITY_RULES, type DataQualityState } from './index';
import { judge, RULE_LABELS, thresholdsOf } from './layout';
import { Thresholds } from './Thresholds';
import '../data-common/data.css';
import { ScrollBox } from '../data-common/ScrollBox';

const GROUP: Record<SourceFile, 'austen' | 'moby' | 'kjv'> = { 'austen.txt': 'austen', 'moby-dick.txt': 'moby', 'kjv.txt': 'kjv' };
const GROUP_LABEL: Record<string, string> = { austen: 'Austen', moby: 'Moby-Dick', kjv: 'KJV', yours: 'Your passage' };
const SHOW = 12;

function statLine(s: QualityStats, d: number): string {
  return `${s.words} word${s.words === 1 ? '' : 's'} · mean length ${s.meanWordLength.toFixed(1)} · stop words ${s.stopWords} · words with a letter ${(100 * s.alphaWordFrac).toFixed(0)}% · top 2-gram ${(100 * s.top2gramFrac).toFixed(0)}% · rep. 5-grams ${(100 * s.dup5gramFrac).toFixed(0)}% · letter distance ${d.toFixed(2)}`;
}

export default function DataQuality({ state, setState, hidden, locked }: WidgetProps<DataQualityState>) {
  const ids = { source: useId(), rule: useId(), mine: useId() };
  const [excerpt, setExcerpt] = useState<Excerpt | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    loadExcerpt().then(setExcerpt, (e: unknown) => setLoadError(String(e)));
  }, []);
  const job = useDataJob('data-quality', excerpt ? { type: 'quality', passages: excerpt.passages.map((p) => p.text) } : null, excerpt ? 'excerpt' : '', 0);

  const view = useMemo(() => {
    if (!excerpt || !job.result) return null;
    const stats = [...job.result.stats];
    const dist = [...job.result.letterDist];
    const texts = excerpt.passages.map((p) => p.text);
    const groups: string[] = excerpt.passages.map((p) => GROUP[p.file]);
    if (state.mine.trim()) {
      const s = qualityStats(state.mine);
      stats.push(s);
      dist.push(letterDistance(letterProfile(s.letters), job.result.profile));
      texts.push(state.mine.trim());
      groups.push('yours');
    }
    const summary = judge(stats, dist, groups, texts.map((t) => t.length), thresholdsOf(state));
    return { stats, dist, texts, summary };
  }, [excerpt, job.result, state]);

  const shown = view
    ? view.summary.judged.filter((j) => j.failed.length > 0 && (state.source === 'all' || j.group === state.source || j.group === 'yours') && (state.rule === 'any' || j.failed.includes(state.rule as never)))
    : [];
  const mine = view?.summary.judged.find((j) => j.group === 'yours');

  return (
    <div className="dw dq">
      <Thresholds state={state} setState={setState} hidden={hidden} locked={locked} />
      {!hidden.has('mine') && (
        <div className="dw-controls">
          <div className="control" style={{ flexBasis: '100%' }}>
            <label htmlFor={ids.mine}>Your own passage (added to the corpus and judged too)</label>
            <textarea id={ids.mine} rows={2} value={state.mine} readOnly={locked.has('mine')} placeholder="Paste a menu, a list of numbers, a paragraph in French…" onChange={(e) => setState({ mine: e.target.value })} spellCheck={false} />
          </div>
        </div>
      )}
      {loadError && <p className="dw-error" role="alert">{loadError}</p>}
      <JobStatus job={job} label="Measuring every passage" />
      {view && (
        <>
          <p className="dw-small">
            Training passages of the shipped excerpt ({excerpt!.passages.length} paragraphs and verses, {Math.round(excerpt!.trainChars / 1000)} KB).
          </p>
          <ScrollBox label="Passages dropped per source">
            <table className="dq-summary">
              <thead>
                <tr>
                  <th scope="col">Source</th>
                  <th scope="col">Passages</th>
                  <th scope="col">Dropped</th>
                  <th scope="col">% text</th>
                </tr>
              </thead>
              <tbody>
                {view.summary.bySource.map((s) => (
                  <tr key={s.group} data-group={s.group} data-dropped={s.dropped}>
                    <th scope="row">{GROUP_LABEL[s.group]}</th>
                    <td>{s.passages}</td>
                    <td>{s.dropped}</td>
                    <td>{s.chars ? `${((100 * s.droppedChars) / s.chars).toFixed(1)}%` : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
          <p className="dw-small" data-by-rule>
            Passages failing each rule (one can fail several):{' '}
            {[...view.summary.byRule].map(([r, n]) => `${RULE_LABELS[r]} ${n}`).join(' · ') || 'none'}.
          </p>
          {mine && (
            <p className={mine.failed.length ? 'dw-error' : 'muted'} data-mine={mine.failed.length ? 'dropped' : 'kept'}>
              Your passage is {mine.failed.length ? `dropped (${mine.failed.map((r) => RULE_LABELS[r]).join(', ')})` : 'kept'}: {statLine(view.stats[mine.index], view.dist[mine.index])}.
            </p>
          )}
          <div className="dw-controls">
            {!hidden.has('source') && (
              <div className="control">
                <label htmlFor={ids.source}>Show dropped passages of</label>
                <select id={ids.source} value={state.source} disabled={locked.has('source')} onChange={(e) => setState({ source: e.target.value as DataQualityState['source'] })}>
                  <option value="all">all sources</option>
                  <option value="austen">Austen</option>
                  <option value="moby">Moby-Dick</option>
                  <option value="kjv">KJV</option>
                </select>
              </div>
            )}
            {!hidden.has('rule') && (
              <div className="control">
                <label htmlFor={ids.rule}>Failing</label>
                <select id={ids.rule} value={state.rule} disabled={locked.has('rule')} onChange={(e) => setState({ rule: e.target.value as DataQualityState['rule'] })}>
                  {QUALITY_RULES.map((r) => (
                    <option key={r} value={r}>{r === 'any' ? 'any rule' : RULE_LABELS[r]}</option>
                  ))}
                </select>
              </div>
            )}
          </div>
          <p className="dw-small" role="status" data-shown={shown.length}>
            {shown.length} dropped passage{shown.length === 1 ? '' : 's'}{shown.length > SHOW ? `; the first ${SHOW}:` : shown.length ? ':' : '.'}
          </p>
          <ul className="dw-list">
            {shown.slice(0, SHOW).map((j) => (
              <li key={j.index} className="dw-item">
                <p className="dw-item-head">
                  <span>{GROUP_LABEL[j.group]}</span>
                  <span>
                    {j.failed.map((r) => (
                      <span key={r} className="dw-tag">{RULE_LABELS[r]}</span>
                    ))}
                  </span>
                </p>
                <p className="dw-text">{view.texts[j.index]}</p>
                <p className="dw-small">{statLine(view.stats[j.index], view.dist[j.index])}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
