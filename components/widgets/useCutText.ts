'use client';
/**
 * A text box bounded like its URL field: a paste longer than `max` code points is cut (lib/text/cut)
 * and `note` says so until the next edit that fits. Keeps a 150,000-character paste from freezing
 * the page (layout, tokenizers and the URL then see at most `max` code points).
 *
 *   const text = useCutText(400, (t) => setState({ text: t }));
 *   <textarea maxLength={text.maxLength} onPaste={text.onPaste} onChange={(e) => text.onChange(e.target.value)} />
 *   {text.note && <p className="url-notes" role="status">{text.note}</p>}
 *
 * Why both: inserting a huge text through the browser's editing path is itself the long task
 * (measured in headless Chromium: 150,000 characters into a textarea, 13 s; 20,000, 0.19 s; 800,
 * 9 ms), so a paste that would not fit is taken over (`onPaste`: cut first, then set the value), and
 * `maxLength` bounds every other way in (drop, IME, scripts). For small limits maxLength is
 * 2·max + 1 UTF-16 units: what the browser keeps of a longer text is then always more than `max`
 * code points, so the cut happens here, with the note.
 */
import { useCallback, useState, type ClipboardEvent } from 'react';
import { cutText } from '@/lib/text/cut';

export function cutNote(max: number): string {
  return `Text cut to its first ${max.toLocaleString('en-US')} characters: this widget takes at most ${max.toLocaleString('en-US')}.`;
}

type Box = HTMLTextAreaElement | HTMLInputElement;

export interface CutText {
  onChange: (raw: string) => void;
  onPaste: (e: ClipboardEvent<Box>) => void;
  note: string | null;
  maxLength: number;
}

export function useCutText(max: number, set: (text: string) => void): CutText {
  const [cut, setCut] = useState(false);
  const onChange = useCallback(
    (raw: string) => {
      const r = cutText(raw, max);
      setCut(r.cut);
      set(r.text);
    },
    [max, set],
  );
  const onPaste = useCallback(
    (e: ClipboardEvent<Box>) => {
      const el = e.currentTarget;
      if (el.readOnly || el.disabled) return;
      let pasted = e.clipboardData.getData('text/plain');
      const start = el.selectionStart ?? el.value.length;
      const end = el.selectionEnd ?? start;
      // UTF-16 length ≥ code points: a paste that fits this way is left to the browser (undo keeps working)
      if (el.value.length - (end - start) + pasted.length <= max) return;
      e.preventDefault();
      if (el instanceof HTMLInputElement) pasted = pasted.slice(0, 4 * max + 4).replace(/\r\n|\r|\n/g, ' ');
      onChange(el.value.slice(0, start) + pasted.slice(0, 4 * max + 4) + el.value.slice(end));
    },
    [max, onChange],
  );
  return { onChange, onPaste, note: cut ? cutNote(max) : null, maxLength: max <= 1000 ? 2 * max + 1 : max };
}
