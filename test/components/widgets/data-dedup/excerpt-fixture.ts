/** A tiny excerpt for the data-* widget tests: repeated verses, one near duplicate, prose and a validation window. */
import { splitPassages } from '@/lib/data';
import type { Excerpt, ExcerptWindow } from '@/components/widgets/data-common/excerpt';

const KJV = [
  'And the LORD spake unto Moses, saying,',
  'Speak unto the children of Israel, and say unto them, When a man shall vow a vow unto the LORD.',
  'And the LORD spake unto Moses, saying,',
  'One young bullock, one ram, one lamb of the first year, for a burnt offering:',
  'One young bullock, one ram, one lamb of the first year, for a burnt offering unto the LORD:',
  'And the LORD spake unto Moses, saying,',
].join('\n');
const AUSTEN = 'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.\n\n"Yes."\n\nHowever little known the feelings or views of such a man may be on his first entering a neighbourhood, this truth is so well fixed in the minds of the surrounding families, that he is considered the rightful property of some one or other of their daughters.\n\n"Yes."';
const VAL = 'Anne had been a very pretty girl, but her bloom had vanished early; and as even in its height, her father had found little to admire in her.';

export function testExcerpt(): Excerpt {
  const windows: ExcerptWindow[] = [
    { file: 'austen.txt', role: 'train', label: 'Austen test window', split: 'paragraph', chars: [0, AUSTEN.length], text: AUSTEN },
    { file: 'kjv.txt', role: 'train', label: 'KJV test window', split: 'line', chars: [0, KJV.length], text: KJV },
    { file: 'austen.txt', role: 'validation', label: 'validation', split: 'paragraph', chars: [0, VAL.length], text: VAL },
  ];
  const passages = windows.flatMap((w, i) => (w.role === 'train' ? splitPassages(w.text, w.split).map((p) => ({ ...p, window: i, file: w.file })) : []));
  return { windows, passages, trainChars: AUSTEN.length + KJV.length };
}
