'use client';
/**
 * A widget's state, read from and written to the page URL through its schema.
 * Lesson pages pass `prefix` (the widget instance) so several widgets share one URL; the embed
 * page passes no prefix and reserves its classroom flags. The URL is only read after mount (the
 * page is static HTML), and written with history.replaceState (no navigation, no history spam),
 * debounced by URL_WRITE_DELAY_MS.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Schema } from './url-state';

export const URL_WRITE_DELAY_MS = 250;

export interface WidgetStateOptions {
  prefix?: string;
  reserved?: readonly string[];
  /** A lesson's starting state for this placement, as a query string ('text=hi&base=bin'). */
  preset?: string;
}

export function useWidgetState<S>(schema: Schema<S>, opts: WidgetStateOptions = {}) {
  const { prefix, reserved, preset = '' } = opts;
  const [state, setFull] = useState<S>(schema.defaults);
  const [notes, setNotes] = useState<string[]>([]);
  const [ready, setReady] = useState(false);

  const reservedKey = reserved?.join(',') ?? '';
  useEffect(() => {
    const base = schema.parse(new URLSearchParams(preset));
    const r = schema.parse(new URLSearchParams(window.location.search), { prefix, reserved: reservedKey.split(','), base: base.state });
    // Reading the URL is only possible after mount: the page itself is prerendered HTML.
    setFull(r.state);
    setNotes([...base.notes.map((n) => `lesson preset — ${n}`), ...r.notes]);
    setReady(true);
  }, [schema, prefix, reservedKey, preset]);

  const [touched, setTouched] = useState(false); // the URL is left as given until the student changes something
  const setState = useCallback((patch: Partial<S>) => {
    setTouched(true);
    setFull((prev) => ({ ...prev, ...patch }));
  }, []);

  // Write the URL a moment after the last change: typing stays cheap, and browsers that
  // rate-limit history.replaceState (Safari: 100 calls / 30 s) are never hit.
  useEffect(() => {
    if (!ready || !touched) return;
    const t = setTimeout(() => writeUrl(schema.serialize(state, { prefix }), schema.keys, prefix), URL_WRITE_DELAY_MS);
    return () => clearTimeout(t);
  }, [state, ready, touched, schema, prefix]);

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
