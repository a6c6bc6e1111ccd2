'use client';
/** What the data-dedup job found: near-duplicate pairs side by side, or the repeated spans with where they occur. */
import type { ExactJob, NearJob } from '@/lib/data/jobs';
import type { Excerpt, ExcerptPassage } from '../data-common/excerpt';
import { clip } from './layout';
import { ScrollBox } from '../data-common/ScrollBox';

const SHOW = 20;
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(2)}%` : '–');

export function NearResults({ job, passages, excerpt, threshold, method, hideIdentical }: { job: NearJob; passages: ExcerptPassage[]; excerpt: Excerpt; threshold: number; method: 'minhash' | 'simhash'; hideIdentical: boolean }) {
  const pairs = hideIdentical ? job.pairs.filter((p) => passages[p.i].text !== passages[p.j].text) : job.pairs;
  const accepted = job.pairs.length;
  return (
    <>
      <dl className="dw-stats" data-accepted={accepted} data-clusters={job.clusters}>
        <div><dt>Passages</dt><dd>{job.passages}</dd></div>
        <div><dt>{method === 'minhash' ? 'Candidate pairs (LSH)' : `Pairs within the bit limit`}</dt><dd>{job.proposed}</dd></div>
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
      <p className="dw-small" data-shown={pairs.length}>
        {pairs.length} pair{pairs.length === 1 ? '' : 's'}{hideIdentical ? ' with different texts' : ''}, most similar first{pairs.length > SHOW ? ` (first ${SHOW})` : ''}.
      </p>
      <ul className="dw-list">
        {pairs.slice(0, SHOW).map((p) => (
          <li key={`${p.i}-${p.j}`} className="dw-item">
            <p className="dw-item-head">
              <span>Jaccard {p.jaccard.toFixed(3)}</span>
              {p.hamming !== undefined && <span>{p.hamming} bits differ</span>}
              {p.cosine !== undefined && <span>cosine {p.cosine.toFixed(3)}</span>}
              {passages[p.i].text === passages[p.j].text && <span className="dw-tag">identical text</span>}
            </p>
            <div className="dw-pair">
              {[p.i, p.j].map((k) => (
                <div key={k}>
                  <p className="dw-small">{excerpt.windows[passages[k].window].label}</p>
                  <p className="dw-text">{clip(passages[k].text)}</p>
                </div>
              ))}
            </div>
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
        Repeated spans, most characters first (count × length); a span inside one already listed is skipped. First {Math.min(SHOW, job.groups.length)}:
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
