'use client';
/** The text task's text: a public-domain passage (source named) or the student's own, cut at OWN_MAX with a note. */
import { useId } from 'react';
import { PASSAGES } from '@/lib/train/passages';
import { TEXT_MIN } from '@/lib/train/text-task';
import { useCutText } from '../useCutText';
import { Select } from '../scale-common/Fields';
import { OWN_MAX, PLAY_PASSAGES, type TrainPlaygroundState } from './index';
import { textOf } from './layout';

const LABELS: Record<(typeof PLAY_PASSAGES)[number], string> = {
  austen: PASSAGES.austen.label, melville: PASSAGES.melville.label, kjv: PASSAGES.kjv.label, own: 'My own text',
};

export function TextPick({ state, setState, hidden, locked }: {
  state: TrainPlaygroundState; setState: (p: Partial<TrainPlaygroundState>) => void; hidden: ReadonlySet<string>; locked: ReadonlySet<string>;
}) {
  const id = useId();
  const cut = useCutText(OWN_MAX, (own) => setState({ own }));
  const { problem } = textOf(state);
  const own = state.passage === 'own';
  const passage = state.passage === 'own' ? null : PASSAGES[state.passage];
  return (
    <div className="tp-text">
      {!hidden.has('passage') && <Select name="passage" label="Passage" value={state.passage} locked={locked} onChange={(passage) => setState({ passage })} options={PLAY_PASSAGES.map((p) => [p, LABELS[p]] as const)} />}
      {own && !hidden.has('own') ? (
        <div className="control">
          <label htmlFor={id}>Your text ({TEXT_MIN}–{OWN_MAX.toLocaleString('en-US')} characters; it travels in the link)</label>
          <textarea id={id} name="own" rows={4} value={state.own} disabled={locked.has('own')} maxLength={cut.maxLength} onPaste={cut.onPaste} onChange={(e) => cut.onChange(e.target.value)} />
          {cut.note && <p className="sc-note" role="status">{cut.note}</p>}
        </div>
      ) : passage && (
        <p className="sc-small" data-testid="tp-source">Source: {passage.source}, public domain; {Array.from(passage.text).length} characters.</p>
      )}
      {problem && <p className="sc-note" role="note">{problem}</p>}
    </div>
  );
}
