'use client';
/**
 * A text box bounded like its URL field: a paste longer than `max` code points is cut (lib/text/cut)
 * and `note` says so until the next edit that fits. Keeps a 150,000-character paste from freezing
 * the page (layout, tokenizers and the URL then see at most `max` code points).
 *
 *   const text = useCutText(400, (t) => setState({ text: t }));
 *   <textarea onChange={(e) => text.onChange(e.target.value)} /> {text.note && <p className="url-notes" role="status">{text.note}</p>}
 */
import { useCallback, useState } from 'react';
import { cutText } from '@/lib/text/cut';

export function cutNote(max: number): string {
  return `Text cut to its first ${max.toLocaleString('en-US')} characters: this widget takes at most ${max.toLocaleString('en-US')}.`;
}

export function useCutText(max: number, set: (text: string) => void): { onChange: (raw: string) => void; note: string | null } {
  const [cut, setCut] = useState(false);
  const onChange = useCallback(
    (raw: string) => {
      const r = cutText(raw, max);
      setCut(r.cut);
      set(r.text);
    },
    [max, set],
  );
  return { onChange, note: cut ? cutNote(max) : null };
}
