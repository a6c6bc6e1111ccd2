/**
 * Preference pairs for the alignment widget. The presets are written for this lab (not quoted
 * from any book) in the manner of the dialogue in lm's training corpus (Austen's novels): each
 * prompt opens a reply with a quotation mark, the chosen reply is courteous, the rejected one
 * curt. The KL is measured on a held-out passage: Austen, Persuasion (1817), ch. 16, which lies
 * in the last 5% of training/data/austen.txt that lm never trained on.
 *
 * A student's own pairs are lines "prompt | chosen | rejected" (parsePairs).
 */
import type { PairText } from '@/lib/align/job';

export const PRESET_PAIRS: PairText[] = [
  { prompt: '"Shall we walk into the garden?" said Elizabeth. "', chosen: 'With all my heart."', rejected: 'No, I am tired."' },
  { prompt: '"May I have the honour of this dance?" said he. "', chosen: 'You may, sir."', rejected: 'Certainly not."' },
  { prompt: '"Will you take some tea?" asked Mrs. Bennet. "', chosen: 'Thank you, I will."', rejected: 'I want none."' },
  { prompt: '"Do you think the letter will come today?" said Jane. "', chosen: 'I hope it may."', rejected: 'How should I know?"' },
  { prompt: '"Pray, sit down by the fire," said Mr. Bennet. "', chosen: 'You are very kind."', rejected: 'I will stand."' },
  { prompt: '"Can you lend me your book?" asked Kitty. "', chosen: 'Gladly, my dear."', rejected: 'It is mine."' },
];

export const HELD_OUT = `They did not always think alike. His value for rank and connexion she perceived was greater than hers. It was not merely complaisance, it must be a liking to the cause, which made him enter warmly into her father and sister's solicitudes on a subject which she thought unworthy to excite them.`;

/** The widget's fixed training settings (shared with the lesson's recorded-run tests). */
export const LORA = { r: 4, alpha: 8, targets: ['wq', 'wv'] as ('wq' | 'wv')[] };
export const LR = 1e-2;
export const BATCH = 2;
export const EVAL_EVERY = 5;
export const PROBE_TOP = 5;

/** Most pairs a student may enter, and most characters of the whole text. */
export const MAX_PAIRS = 8;
export const OWN_MAX = 1200;

/** The presets as editable lines. */
export function pairsToText(pairs: readonly PairText[]): string {
  return pairs.map((p) => `${p.prompt} | ${p.chosen} | ${p.rejected}`).join('\n');
}

/**
 * Lines "prompt | chosen | rejected" → pairs (blank lines skipped; at most MAX_PAIRS). The prompt
 * keeps its trailing space if any, so it can end in ' "'. Bad lines are reported by number.
 *
 *   parsePairs('"Come," said he. " | Yes." | No."') → [{ prompt: '"Come," said he. "', chosen: 'Yes."', rejected: 'No."' }]
 */
export function parsePairs(text: string): { pairs: PairText[]; bad: number[]; cut: boolean } {
  const pairs: PairText[] = [];
  const bad: number[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const parts = line.split('|');
    if (parts.length !== 3) return void bad.push(i + 1);
    const [prompt, chosen, rejected] = [parts[0].trimEnd(), parts[1].trim(), parts[2].trim()];
    if (!prompt.trim() || !chosen || !rejected) return void bad.push(i + 1);
    pairs.push({ prompt: prompt.trimStart(), chosen, rejected });
  });
  return { pairs: pairs.slice(0, MAX_PAIRS), bad, cut: pairs.length > MAX_PAIRS };
}
