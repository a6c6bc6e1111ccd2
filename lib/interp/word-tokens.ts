/**
 * Which tokens of a byte-level BPE vocabulary are whole words. With GPT-2 pre-tokenization a word
 * inside a sentence carries its leading space (" cat"), so a token is a whole lower-case word when
 * its text is a space followed by letters only. A word that is not one token splits into pieces
 * (" whale" → " w" "ha" "le" in our 4096-token vocabulary), and a piece has no single meaning to
 * compare, so the embedding widgets work on whole-word tokens.
 *
 * Example: tokenText = [" the", "ing", " cat", " Cat", " 3"] → wholeWordIds = [0, 2]
 * (" Cat" counts only with `capitals`).
 */

export interface TokenTexts {
  tokenText(id: number): string;
  encode(text: string): number[];
}

/** Ids whose text is " " + letters (lower case, or any case with `capitals`), in id order. */
export function wholeWordIds(tok: Pick<TokenTexts, 'tokenText'>, V: number, opts: { capitals?: boolean } = {}): number[] {
  const re = opts.capitals ? /^ [A-Za-z]+$/ : /^ [a-z]+$/;
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
