/**
 * The analogies the Embeddings lesson tests on `lm`, written a : b :: c : expected (b − a + c
 * should land on expected). Chosen before measuring, from relations the word2vec test sets use
 * (Mikolov et al. 2013, "Efficient Estimation…", Table 1: gender, plural, past tense, comparative,
 * numbers) restricted to words that are ONE token in lm's 4096-token vocabulary and occur in its
 * corpus (Austen, Moby-Dick, the King James Bible). The classic king : queen is not here: neither
 * " king" nor " queen" is a single token (" king" → " k" "ing"). Cases with a word that is not one
 * token are skipped by the widget and the tests, and counted as skipped.
 */
import { analogy, type AnalogyCase, type AnalogyResult } from './analogy';
import { rowNorms } from './neighbours';
import { wordPieces, type TokenTexts } from './word-tokens';

export const ANALOGY_SET: readonly (AnalogyCase & { relation: string })[] = [
  { relation: 'gender', a: 'man', b: 'woman', c: 'he', expected: 'she' },
  { relation: 'gender', a: 'he', b: 'she', c: 'his', expected: 'her' },
  { relation: 'gender', a: 'he', b: 'she', c: 'him', expected: 'her' },
  { relation: 'gender', a: 'man', b: 'woman', c: 'brother', expected: 'sister' },
  { relation: 'gender', a: 'father', b: 'mother', c: 'son', expected: 'daughter' },
  { relation: 'gender', a: 'brother', b: 'sister', c: 'son', expected: 'daughter' },
  { relation: 'gender', a: 'boy', b: 'girl', c: 'brother', expected: 'sister' },
  { relation: 'gender', a: 'husband', b: 'wife', c: 'father', expected: 'mother' },
  { relation: 'gender', a: 'uncle', b: 'aunt', c: 'father', expected: 'mother' },
  { relation: 'gender', a: 'sir', b: 'madam', c: 'man', expected: 'woman' },
  { relation: 'gender', a: 'man', b: 'woman', c: 'king', expected: 'queen' },
  { relation: 'gender', a: 'lord', b: 'lady', c: 'sir', expected: 'madam' },
  { relation: 'past tense', a: 'is', b: 'was', c: 'are', expected: 'were' },
  { relation: 'past tense', a: 'have', b: 'had', c: 'do', expected: 'did' },
  { relation: 'past tense', a: 'say', b: 'said', c: 'go', expected: 'went' },
  { relation: 'past tense', a: 'come', b: 'came', c: 'see', expected: 'saw' },
  { relation: 'past tense', a: 'know', b: 'knew', c: 'take', expected: 'took' },
  { relation: 'past tense', a: 'give', b: 'gave', c: 'think', expected: 'thought' },
  { relation: 'past tense', a: 'see', b: 'saw', c: 'know', expected: 'knew' },
  { relation: 'plural', a: 'day', b: 'days', c: 'year', expected: 'years' },
  { relation: 'plural', a: 'man', b: 'men', c: 'woman', expected: 'women' },
  { relation: 'plural', a: 'hand', b: 'hands', c: 'eye', expected: 'eyes' },
  { relation: 'plural', a: 'friend', b: 'friends', c: 'letter', expected: 'letters' },
  { relation: 'plural', a: 'house', b: 'houses', c: 'thing', expected: 'things' },
  { relation: 'comparative', a: 'good', b: 'better', c: 'great', expected: 'greater' },
  { relation: 'comparative', a: 'young', b: 'younger', c: 'old', expected: 'older' },
  { relation: 'numbers', a: 'one', b: 'two', c: 'three', expected: 'four' },
  { relation: 'numbers', a: 'first', b: 'second', c: 'two', expected: 'three' },
  { relation: 'pronouns', a: 'I', b: 'my', c: 'he', expected: 'his' },
  { relation: 'pronouns', a: 'I', b: 'me', c: 'he', expected: 'him' },
  { relation: 'pronouns', a: 'we', b: 'our', c: 'they', expected: 'their' },
  { relation: 'pronouns', a: 'we', b: 'us', c: 'they', expected: 'them' },
  { relation: 'capital', a: 'France', b: 'Paris', c: 'England', expected: 'London' },
  { relation: 'opposite', a: 'happy', b: 'unhappy', c: 'kind', expected: 'unkind' },
  { relation: 'opposite', a: 'good', b: 'bad', c: 'happy', expected: 'sad' },
];

export interface CaseResult {
  case: AnalogyCase & { relation: string };
  /** null when a word is not one token (then `split` names it). */
  result: AnalogyResult | null;
  split: string | null;
  /** Texts of the top answers. */
  answers: string[];
}

/** Runs every case of the set on an embedding table [V, d]. */
export function evaluateSet(table: ArrayLike<number>, V: number, d: number, tok: TokenTexts, set = ANALOGY_SET, k = 5, norms = rowNorms(table, V, d)): CaseResult[] {
  return set.map((c) => {
    const words = [c.a, c.b, c.c, c.expected];
    const p = words.map((w) => wordPieces(tok, w));
    const bad = p.findIndex((x) => x.id === null);
    if (bad >= 0) return { case: c, result: null, split: words[bad], answers: [] };
    const [a, b, cc, e] = p.map((x) => x.id as number);
    const result = analogy(table, V, d, a, b, cc, k, e, norms);
    return { case: c, result, split: null, answers: result.top.map((n) => tok.tokenText(n.id)) };
  });
}
