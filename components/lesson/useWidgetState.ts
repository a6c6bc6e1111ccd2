'use client';
/**
 * A widget's state, read from and written to the page URL through its schema.
 * Lesson pages pass `prefix` (the widget instance) so several widgets share one URL; the embed
 * page passes no prefix and reserves its classroom flags. The URL is only read after mount (the
 * page is static HTML), and written with history.replaceState (no navigation, no history spam).
 */
import { useCallback, useEffect, useState } from 'react';
import type { Schema } from './url-state';

export interface WidgetStateOptions {
  prefix?: string;
  reserved?: readonly string[];
}

export function useWidgetState<S>(schema: Schema<S>, opts: WidgetStateOptions = {}) {
  const { prefix, reserved } = opts;
  const [state, setFull] = useState<S>(schema.defaults);
  const [notes, setNotes] = useState<string[]>([]);
  const [ready, setReady] = useState(false);

  const reservedKey = reserved?.join(',') ?? '';
  useEffect(() => {
    const r = schema.parse(new URLSearchParams(window.location.search), { prefix, reserved: reservedKey.split(',') });
    // Reading the URL is only possible after mount: the page itself is prerendered HTML.
    setFull(r.state);
    setNotes(r.notes);
    setReady(true);
  }, [schema, prefix, reservedKey]);

  const setState = useCallback(
    (patch: Partial<S>) => {
      setFull((prev) => {
        const next = { ...prev, ...patch };
        writeUrl(schema.serialize(next, { prefix }), schema.keys, prefix);
        return next;
      });
    },
    [schema, prefix],
  );

  return { state, setState, notes, ready, dismissNotes: () => setNotes([]) };
}

/** Replace this widget's keys in the current URL, keeping everybody else's. */
function writeUrl(query: string, keys: readonly string[], prefix?: string) {
  const url = new URL(window.location.href);
  const pre = prefix ? `${prefix}.` : '';
  for (const k of keys) url.searchParams.delete(pre + k);
  for (const [k, v] of new URLSearchParams(query)) url.searchParams.set(k, v);
  window.history.replaceState(window.history.state, '', url);
}
