/**
 * Cross-entropy, perplexity and bits per byte: the units a language model is measured in.
 *
 * A model's mean next-token loss L (nats per token, natural log) on held-out text gives
 *   perplexity      = e^L                       (the effective number of equally likely next tokens)
 *   bits per token  = L / ln 2
 *   bits per byte   = L · (tokens / bytes) / ln 2   (tokenizer-independent: compare models with
 *                                                    different vocabularies on the same bytes)
 *
 *   perplexity(Math.log(4))          // 4
 *   bitsPerByte(Math.log(2), 10, 10)  // 1: one bit per token, one token per byte
 */

export function perplexity(meanNats: number): number {
  return Math.exp(meanNats);
}

export function bitsPerToken(meanNats: number): number {
  return meanNats / Math.LN2;
}

/** `tokens` tokens whose text is `bytes` UTF-8 bytes, at a mean loss of `meanNats` per token. */
export function bitsPerByte(meanNats: number, tokens: number, bytes: number): number {
  return (meanNats * tokens) / (bytes * Math.LN2);
}
