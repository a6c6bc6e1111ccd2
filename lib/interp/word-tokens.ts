/**
 * Which tokens of a byte-level BPE vocabulary begin a word. With GPT-2 pre-tokenization a word
 * inside a sentence carries its leading space (" cat"), so a token whose text is a space followed
 * by letters starts a word. It may BE the word (" the", " mind") or only its beginning (" con" of
 * " consider"): the vocabulary alone cannot tell, because the same token starts both. A word that
 * is not one token splits into pieces (" whale" → " w" "ha" "le" in our 4096-token vocabulary),
 * and a piece has no single meaning to compare, so the embedding widgets work on words that are
 * one token, and say so when a word is not.
 *
 * Example: tokenText = [" the", "ing", " cat", " Cat", " 3", " a"] → wordStartIds = [0, 2, 5];
 * with { minLetters: 2 }: [0, 2]; with { capitals: true }: [0, 2, 3, 5].
 */

export interface TokenTexts {
  tokenText(id: number): string;
  encode(text: string): number[];
}

/** Ids whose text is " " + letters (lower case, or any case with `capitals`; at least `minLetters`), in id order. */
export function wordStartIds(tok: Pick<TokenTexts, 'tokenText'>, V: number, opts: { capitals?: boolean; minLetters?: number } = {}): number[] {
  const min = Math.max(1, opts.minLetters ?? 1);
  const re = opts.capitals ? new RegExp(`^ [A-Za-z]{${min},}$`) : new RegExp(`^ [a-z]{${min},}$`);
  const out: number[] = [];
  for (let id = 0; id < V; id++) if (re.test(tok.tokenText(id))) out.push(id);
  return out;
}

/**
 * How a word is tokenized in running text (with its leading space): the ids, their texts, and the
 * single id when it is one token (else null). The word is trimmed first.
 */
export function wordPieces(tok: TokenTexts, word: string): { ids: number[]; pieces: string[]; id: number | null } {
  const w = word.trim();
  if (w === '') return { ids: [], pieces: [], id: null };
  const ids = tok.encode(' ' + w);
  return { ids, pieces: ids.map((i) => tok.tokenText(i)), id: ids.length === 1 ? ids[0] : null };
}
