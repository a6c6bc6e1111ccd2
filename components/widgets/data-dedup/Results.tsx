'use client';
/** What the data-dedup job found: near-duplicate pairs side by side, or the repeated spans with where they occur. */
import { clusterMembers, type ExactJob, type NearJob } from '@/lib/data/jobs';
import type { Excerpt, ExcerptPassage } from '../data-common/excerpt';
import { clip } from './layout';
import { ScrollBox } from '../data-common/ScrollBox';

const SHOW = 12;
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(2)}%` : '–');

export function NearResults({ job, passages, excerpt, threshold, method, hideIdentical }: { job: NearJob; passages: ExcerptPassage[]; excerpt: Excerpt; threshold: number; method: 'minhash' | 'simhash'; hideIdentical: boolean }) {
  const accepted = job.pairs.length;
  const groups = clusterMembers(job.pairs).map((members) => {
    const texts = new Map<string, number[]>();
    for (const m of members) texts.set(passages[m].text, [...(texts.get(passages[m].text) ?? []), m]);
    const inGroup = new Set(members);
    const minJ = Math.min(...job.pairs.filter((p) => inGroup.has(p.i)).map((p) => p.jaccard));
    return { members, texts: [...texts.values()], minJ };
  });
  const shown = hideIdentical ? groups.filter((g) => g.texts.length > 1) : groups;
  return (
    <>
      <dl className="dw-stats" data-accepted={accepted} data-clusters={job.clusters}>
        <div><dt>Passages</dt><dd>{job.passages}</dd></div>
        <div><dt>{method === 'minhash' ? 'Candidate pairs (LSH)' : 'Pairs within the bit limit'}</dt><dd>{job.proposed}</dd></div>
        {method === 'minhash' && <div><dt>Candidates with J ≥ {threshold}</dt><dd>{accepted}</dd></div>}
        {job.truePairs >= 0 && (
          <div>
            <dt>All pairs with J ≥ {threshold} (brute force)</dt>
            <dd>{job.truePairs}</dd>
          </div>
        )}
        <div><dt>Duplicate groups</dt><dd>{job.clusters}</dd></div>
        <div><dt>Passages dedup would drop</dt><dd>{job.removable}</dd></div>
      </dl>
      {method === 'minhash' && job.truePairs > 0 && <p className="dw-small">LSH found {accepted} of the {job.truePairs} pairs above the threshold ({pct(accepted, job.truePairs)}) while comparing only {job.proposed} of {((job.passages * (job.passages - 1)) / 2).toLocaleString('en-US')} pairs.</p>}
      <p className="dw-small" data-shown={shown.length}>
        {shown.length} group{shown.length === 1 ? '' : 's'} of duplicates{hideIdentical ? ' with more than one distinct text' : ''}, largest first{shown.length > SHOW ? ` (first ${SHOW})` : ''}.
      </p>
      <ul className="dw-list">
        {shown.slice(0, SHOW).map((g) => (
          <li key={g.members[0]} className="dw-item">
            <p className="dw-item-head">
              <span>{g.members.length} passages</span>
              <span>{g.texts.length === 1 ? <span className="dw-tag">identical text</span> : `${g.texts.length} distinct texts`}</span>
              {g.texts.length > 1 && <span>Jaccard ≥ {g.minJ.toFixed(3)}</span>}
            </p>
            <div className={g.texts.length > 1 ? 'dw-pair' : undefined}>
              {g.texts.slice(0, 2).map((copies) => (
                <div key={copies[0]}>
                  <p className="dw-small">
                    {copies.length > 1 ? `${copies.length}× in ` : ''}
                    {[...new Set(copies.map((k) => excerpt.windows[passages[k].window].label))].join('; ')}
                  </p>
                  <p className="dw-text">{clip(passages[copies[0]].text)}</p>
                </div>
              ))}
            </div>
            {g.texts.length > 2 && <p className="dw-small">… and {g.texts.length - 2} more distinct texts.</p>}
          </li>
        ))}
      </ul>
    </>
  );
}

export function ExactResults({ job, labels }: { job: ExactJob; labels: string[] }) {
  const covered = job.coveredChars.reduce((a, b) => a + b, 0);
  const total = job.totalChars.reduce((a, b) => a + b, 0);
  return (
    <>
      <dl className="dw-stats" data-covered={covered}>
        <div><dt>Characters scanned</dt><dd>{total.toLocaleString('en-US')}</dd></div>
        <div><dt>In a repeated span</dt><dd>{covered.toLocaleString('en-US')} ({pct(covered, total)})</dd></div>
        <div><dt>Suffix-array runs</dt><dd>{job.groupCount}</dd></div>
      </dl>
      <details>
        <summary>Data table: repeated characters per window</summary>
        <ScrollBox label="Repeated characters per window">
          <table>
            <thead>
              <tr><th scope="col">Window</th><th scope="col">Chars</th><th scope="col">Repeated</th><th scope="col">Share</th></tr>
            </thead>
            <tbody>
              {labels.map((l, i) => (
                <tr key={l}><th scope="row">{l}</th><td>{job.totalChars[i]}</td><td>{job.coveredChars[i]}</td><td>{pct(job.coveredChars[i], job.totalChars[i])}</td></tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </details>
      <p className="dw-small" data-shown={job.groups.length}>
        Repeated spans, most characters first (count × length); a span whose every occurrence overlaps one already listed is skipped. First {Math.min(SHOW, job.groups.length)}:
      </p>
      <ul className="dw-list">
        {job.groups.slice(0, SHOW).map((g, x) => (
          <li key={x} className="dw-item">
            <p className="dw-item-head">
              <span>{g.count}× · {g.length} characters</span>
              <span>in {[...new Set(g.at.map(([t]) => labels[t]))].join('; ')}</span>
            </p>
            <p className="dw-text">{clip(g.text, 400)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
