'use client';
/** The chosen tokenizer, loading it on demand; `status` drives the loading / error message. */
import { useEffect, useState } from 'react';
import type { Tokenizer } from '@/lib/tokenizer';
import type { TokenizerKind } from './index';
import { charTokenizer, loadTokenizer } from './tokenizers';

export type LoadStatus = { state: 'loading' } | { state: 'ready'; tokenizer: Tokenizer } | { state: 'error'; message: string };

export function useTokenizer(kind: TokenizerKind, text: string): LoadStatus {
  const [status, setStatus] = useState<LoadStatus & { key?: string }>({ state: 'loading' });
  // the character vocabulary depends on the text; the others do not
  const key = kind === 'char' ? `char:${text}` : kind;
  useEffect(() => {
    let live = true;
    const p = kind === 'char' ? charTokenizer(text) : loadTokenizer(kind);
    p.then(
      (tokenizer) => live && setStatus({ state: 'ready', tokenizer, key }),
      (e: unknown) => live && setStatus({ state: 'error', message: e instanceof Error ? e.message : String(e), key }),
    );
    return () => {
      live = false;
    };
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps -- key covers kind and (for char) text
  // while a new choice loads, keep showing the old tokenizer only if it is the same kind
  if (status.key !== key && !(status.state === 'ready' && kind === 'char' && status.key?.startsWith('char:'))) return { state: 'loading' };
  return status;
}
