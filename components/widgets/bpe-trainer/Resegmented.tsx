'use client';
/** The corpus cut by the tokenizer after `step` merges; pick a token to see the merges that built it. */
import { useMemo, useState } from 'react';
import { bpeAtStep, type BpeTokenizer } from '@/lib/tokenizer';
import { layoutTokens } from '../token-viewer/layout';
import { RovingList } from '../token-viewer/RovingList';
import { treeRows } from './layout';
import { visibleText } from '../token-viewer/layout';

/** Characters of the corpus drawn (the counts and the curve cover all of it). */
export const SHOWN_CHARS = 2000;

export function Resegmented({ tokenizer, step, corpus, sel, onSelect }: {
  tokenizer: BpeTokenizer;
  step: number;
  corpus: string;
  sel: number;
  onSelect: (id: number) => void;
}) {
  const [active, setActive] = useState<number | null>(null);
  const sample = corpus.slice(0, SHOWN_CHARS);
  const view = useMemo(() => layoutTokens(sample, bpeAtStep(tokenizer, step).encodeWithSpans(sample)), [tokenizer, step, sample]);
  const items = view.cells.map((c) => ({
    key: c.index,
    content: c.label,
    label: `${c.description}. Press Enter to see its merge tree.`,
    className: `tok tok-c${c.colour}${c.id === sel ? ' tok-selected' : ''}${c.partial ? ' tok-partial' : ''}`,
    breakAfter: c.breakAfter,
  }));
  return (
    <div className="bt-reseg">
      <p className="control-label">
        The corpus after {step} merges ({view.counts.tokens} tokens{corpus.length > SHOWN_CHARS ? ` in the first ${SHOWN_CHARS} characters` : ''}). Click a token to see how it was built.
      </p>
      <RovingList items={items} active={active} onActive={setActive} onPick={(i) => onSelect(view.cells[i].id)} label="Corpus tokens at this step" className="tok-strip" />
    </div>
  );
}

export function MergeTreeView({ tokenizer, id, step }: { tokenizer: BpeTokenizer; id: number; step: number }) {
  if (id < 0 || id >= 256 + tokenizer.merges.length) return null;
  const rows = treeRows(tokenizer.mergeTree(id));
  const later = id >= 256 + step;
  return (
    <div className="bt-tree">
      <p className="control-label">
        How <code className="tok tok-c1">{visibleText(tokenizer.tokenText(id))}</code> (id {id}) was built
        {id < 256 ? ': it is a single byte, no merge needed.' : later ? ` (merge ${id - 255}, not applied yet at this step)` : ` by merge ${id - 255}`}
      </p>
      <ul className="bt-tree-rows" aria-label={`Merge tree of token ${id}`}>
        {rows.map((r, i) => (
          <li key={i} style={{ paddingLeft: `${r.depth * 1.4}rem` }}>
            {r.depth > 0 && <span aria-hidden="true">└ </span>}
            <code className={`tok tok-c${r.depth % 5}`}>{visibleText(r.text)}</code> <span className="muted">id {r.id}{r.leaf ? ' (byte)' : ` = merge ${r.id - 255}`}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
