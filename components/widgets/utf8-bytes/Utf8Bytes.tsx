'use client';
/** Live view of a text's characters (graphemes), code points and UTF-8 bytes. */
import { useId, useMemo } from 'react';
import type { WidgetProps } from '../types';
import { MAX_TEXT, type Utf8State } from './index';
import { useCutText } from '../useCutText';
import { layoutUtf8, type Base, type Card } from './layout';

export const EXAMPLES: readonly { label: string; text: string }[] = [
  { label: 'ASCII', text: 'Hello' },
  { label: 'Accents', text: 'héllo' },
  { label: 'Combining mark', text: 'e\u0301' },
  { label: 'Emoji + skin tone', text: '👋🏽' },
  { label: 'ZWJ family', text: '👩\u200d👩\u200d👧' },
  { label: 'Flag', text: '🇫🇷' },
  { label: 'Japanese', text: '日本語' },
];

const BASES: readonly { value: Base; label: string }[] = [
  { value: 'hex', label: 'Hex' },
  { value: 'bin', label: 'Binary' },
  { value: 'dec', label: 'Decimal' },
];

export default function Utf8Bytes({ state, setState, hidden, locked }: WidgetProps<Utf8State>) {
  const view = useMemo(() => layoutUtf8(state.text, state.base), [state.text, state.base]);
  const textId = useId();
  const cut = useCutText(MAX_TEXT, (text) => setState({ text }));
  const c = view.counts;
  return (
    <div className="utf8">
      <div className="controls">
        {!hidden.has('text') && (
          <div className="control control-wide">
            <label htmlFor={textId}>Text</label>
            <input
              id={textId}
              type="text"
              value={state.text}
              readOnly={locked.has('text')}
              aria-readonly={locked.has('text')}
              maxLength={cut.maxLength} onPaste={cut.onPaste} onChange={(e) => cut.onChange(e.target.value)}
              spellCheck={false}
              autoComplete="off"
            />
          </div>
        )}
        {!hidden.has('examples') && !locked.has('text') && !hidden.has('text') && (
          <div className="control" role="group" aria-label="Examples">
            <span className="control-label">Examples</span>
            <div className="chips-row">
              {EXAMPLES.map((ex) => (
                <button key={ex.label} type="button" className="btn btn-small" disabled={locked.has('examples')} onClick={() => setState({ text: ex.text })}>
                  {ex.label}
                </button>
              ))}
            </div>
          </div>
        )}
        {!hidden.has('base') && (
          <fieldset className="control segmented" disabled={locked.has('base')}>
            <legend className="control-label">Bytes in</legend>
            {BASES.map((b) => (
              <label key={b.value}>
                <input type="radio" name={`${textId}-base`} value={b.value} checked={state.base === b.value} onChange={() => setState({ base: b.value })} />
                {b.label}
              </label>
            ))}
          </fieldset>
        )}
      </div>
      {cut.note && <p className="url-notes" role="status">{cut.note}</p>}
      <p className="utf8-counts" aria-live="polite">
        <span><b>{c.graphemes}</b> characters</span>
        <span><b>{c.codePoints}</b> code points</span>
        <span><b>{c.utf16Units}</b> UTF-16 units (JS length)</span>
        <span><b>{c.utf8Bytes}</b> UTF-8 bytes</span>
      </p>
      {view.hasLone && <p className="url-notes">A lone surrogate has no UTF-8 form; it is encoded as U+FFFD (EF BF BD).</p>}
      {view.cards.length === 0 ? (
        <p className="muted">Type some text above.</p>
      ) : (
        <ol className="utf8-cards" aria-label="Characters with their code points and bytes">
          {view.cards.map((card) => (
            <CardView key={card.key} card={card} />
          ))}
        </ol>
      )}
      <p className="utf8-legend muted">
        <span className="byte byte-ascii">ASCII</span> <span className="byte byte-lead2">lead byte</span>{' '}
        <span className="byte byte-continuation">continuation byte</span>
      </p>
    </div>
  );
}

function CardView({ card }: { card: Card }) {
  return (
    <li className="utf8-card" aria-label={card.description}>
      <span className="utf8-glyph" aria-hidden="true">{card.glyph}</span>
      {card.cps.map((cp, i) => (
        <div key={i} className="utf8-cp">
          <code className={cp.lone ? 'utf8-lone' : undefined}>{cp.label}</code>
          <span className="utf8-bytes">
            {cp.bytes.map((b, j) => (
              <span key={j} className={`byte byte-${b.role}`}>
                {b.marker && <span className="byte-marker">{b.marker}</span>}
                {b.payload}
              </span>
            ))}
          </span>
        </div>
      ))}
    </li>
  );
}
