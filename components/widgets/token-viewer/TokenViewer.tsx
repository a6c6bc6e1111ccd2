'use client';
/** Live tokenization of a text: coloured token spans, their ids and the counts, under a chosen tokenizer. */
import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { WidgetProps } from '../types';
import { MAX_TEXT, TOKENIZER_KINDS, type TokenViewerState, type TokenizerKind } from './index';
import { fmtRatio, layoutTokens, type TokenView } from './layout';
import { useCutText } from '../useCutText';
import { RovingList } from './RovingList';
import { LOADING_LABELS, TOKENIZER_LABELS } from './tokenizers';
import { useTokenizer } from './useTokenizer';
import './tokens.css';

export default function TokenViewer({ state, setState, hidden, locked }: WidgetProps<TokenViewerState>) {
  const textId = useId();
  const tokId = useId();
  const cut = useCutText(MAX_TEXT, (t) => setState({ text: t }));
  // tokenize the deferred text: typing stays responsive while a long text is re-encoded
  const text = useDeferredValue(state.text);
  const status = useTokenizer(state.tok, text);
  const view = useMemo<TokenView | null>(
    () => (status.state === 'ready' ? layoutTokens(text, status.tokenizer.encodeWithSpans(text)) : null),
    [status, text],
  );
  return (
    <div className="tv">
      <div className="controls">
        {!hidden.has('text') && (
          <div className="control control-wide">
            <label htmlFor={textId}>Text</label>
            <textarea
              id={textId}
              rows={3}
              value={state.text}
              readOnly={locked.has('text')}
              maxLength={cut.maxLength} onPaste={cut.onPaste} onChange={(e) => cut.onChange(e.target.value)}
              spellCheck={false}
            />
            {cut.note && <p className="url-notes" role="status">{cut.note}</p>}
          </div>
        )}
        {!hidden.has('tok') && (
          <div className="control">
            <label htmlFor={tokId}>Tokenizer</label>
            <select id={tokId} value={state.tok} disabled={locked.has('tok')} onChange={(e) => setState({ tok: e.target.value as TokenizerKind })}>
              {TOKENIZER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {TOKENIZER_LABELS[k]}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {status.state === 'loading' && <p className="muted" role="status">{LOADING_LABELS[state.tok] ?? 'Preparing the tokenizer…'}</p>}
      {status.state === 'error' && <p className="url-notes" role="alert">Could not load this tokenizer: {status.message}</p>}
      {view && <TokenPanes view={view} />}
    </div>
  );
}

export function Counts({ view }: { view: TokenView }) {
  const c = view.counts;
  return (
    <p className="tv-counts" aria-live="polite">
      <span><b>{c.tokens}</b> tokens</span>
      <span><b>{c.chars}</b> characters</span>
      <span><b>{c.bytes}</b> bytes</span>
      <span><b>{fmtRatio(c.bytesPerToken)}</b> bytes / token</span>
    </p>
  );
}

function TokenPanes({ view }: { view: TokenView }) {
  const [active, setActive] = useState<number | null>(null);
  const cls = (c: TokenView['cells'][number]) => `tok tok-c${c.colour}${c.partial ? ' tok-partial' : ''}${c.special ? ' tok-special' : ''}`;
  const tokens = view.cells.map((c) => ({ key: c.index, content: c.label, label: c.description, className: cls(c), breakAfter: c.breakAfter }));
  const ids = view.cells.map((c) => ({ key: c.index, content: c.id, label: c.description, className: `${cls(c)} tok-id` }));
  return (
    <>
      <Counts view={view} />
      {view.cells.length === 0 ? (
        <p className="muted">Type some text above.</p>
      ) : (
        <div className="tv-panes">
          <div>
            <p className="control-label">Tokens</p>
            <RovingList items={tokens} active={active} onActive={setActive} label="Tokens (arrow keys move, the matching id lights up)" className="tok-strip" />
          </div>
          <div>
            <p className="control-label">Token ids</p>
            <RovingList items={ids} active={active} onActive={setActive} label="Token ids (arrow keys move, the matching token lights up)" className="tok-strip tok-ids" />
          </div>
        </div>
      )}
      {view.hiddenTokens > 0 && <p className="muted">Showing the first {view.cells.length} tokens; {view.hiddenTokens} more are counted but not drawn.</p>}
      <p className="muted tv-legend">
        · is a space, ↵ a newline. Striped tokens hold only part of a character&apos;s bytes. Characters are what a reader sees
        (grapheme clusters: 👋🏽 is one); bytes / token is higher when each token carries more text.
      </p>
    </>
  );
}
