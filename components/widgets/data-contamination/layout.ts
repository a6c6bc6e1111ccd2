/**
 * Pure part of the contamination widget: the built-in "test sets" and cutting a text into plain
 * and highlighted segments from merged [start, end) spans.
 */

/** A made-up reading quiz whose passage quotes the opening of Pride and Prejudice verbatim (training text). */
export const QUIZ =
  'Reading check, question 1. Read the passage and answer in one sentence.\n\n' +
  '"It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife. ' +
  'However little known the feelings or views of such a man may be on his first entering a neighbourhood, this truth is so well fixed in the minds of the surrounding families, that he is considered the rightful property of some one or other of their daughters."\n\n' +
  'What do the neighbouring families assume about a rich young man who moves into the area?';

/** The opening of Moby-Dick (training text) retold in other words: same meaning, few shared word sequences. */
export const PARAPHRASE =
  'You can call me Ishmael. A few years back, with hardly any money in my wallet and nothing on land that held my interest, ' +
  'I decided to go sailing for a while and see the watery part of the world. It is my way of chasing off low spirits and getting my blood moving. ' +
  'Whenever I notice myself turning grim around the mouth, whenever my soul feels like a damp, drizzly November, I take it as a sign that it is high time to get to sea.';

export interface Segment {
  text: string;
  hit: boolean;
}

/** Cut `text` at the spans (sorted, disjoint) into alternating plain / hit segments. */
export function segments(text: string, spans: ReadonlyArray<readonly [number, number]>): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const [a, b] of spans) {
    if (a > at) out.push({ text: text.slice(at, a), hit: false });
    out.push({ text: text.slice(a, b), hit: true });
    at = b;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}
