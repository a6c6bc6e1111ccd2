/**
 * Cut a text to at most `max` code points, never inside a surrogate pair: what a widget does to a
 * paste that is longer than its URL field allows (the widget then shows a note).
 *
 *   cutText('ab😀cd', 3) → { text: 'ab😀', cut: true }
 *   cutText('hi', 3)     → { text: 'hi', cut: false }
 *
 * Linear in `max`, not in the input: a 10 MB paste costs no more than a short one.
 */
export interface Cut {
  text: string;
  /** True when code points were dropped. */
  cut: boolean;
}

export function cutText(raw: string, max: number): Cut {
  // A string's UTF-16 length is ≥ its code point count, so short strings need no walk.
  if (raw.length <= max) return { text: raw, cut: false };
  let i = 0;
  for (let n = 0; n < max && i < raw.length; n++) {
    const c = raw.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < raw.length && (raw.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    i += pair ? 2 : 1;
  }
  return i >= raw.length ? { text: raw, cut: false } : { text: raw.slice(0, i), cut: true };
}
