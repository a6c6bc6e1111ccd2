/**
 * The measurement behind the RAG and few-shot widget: the same target answer after two prompts
 * (without and with retrieved passages or examples). For each prompt: ln p(target | prompt) as
 * the sum over the target's tokens, and the model's greedy continuation.
 *
 *   comparePrompts({ without: 'Mr', with: 'Mr Darcy,\nMr' }, ' Bingley', tok, fwd)
 *     → { without: { logProb: −6.1, continuation: '…', … }, with: { logProb: −2.3, … } }
 *
 * A prompt longer than the model's context keeps its last tokens (the stem stays, the start of
 * the first passage goes) and says how many it dropped.
 */
import { continuationLogProb } from '@/lib/eval/cloze';
import { argmaxAt, throwIfAborted, type EvalForward, type RunOptions } from '@/lib/eval/forward';

export interface Tok {
  encode(text: string): number[];
  decode(ids: readonly number[]): string;
}

export interface PromptResult {
  prompt: string;
  /** Prompt tokens fed to the model (after any cut). */
  promptTokens: number;
  /** Prompt tokens dropped from the start to fit the context. */
  dropped: number;
  targetTokens: number;
  /** Σ ln p of the target's tokens after the prompt (nats). */
  logProb: number;
  continuation: string;
}

export interface CompareOptions extends RunOptions {
  /** Greedy tokens to generate after each prompt. */
  maxNew?: number;
  /** The model's context length. */
  context?: number;
}

export async function measurePrompt(prompt: string, target: string, tok: Tok, forward: EvalForward, opts: CompareOptions = {}): Promise<PromptResult> {
  const ctx = opts.context ?? 256;
  const maxNew = opts.maxNew ?? 8;
  const tIds = tok.encode(target);
  if (tIds.length === 0) throw new Error('measurePrompt: the target has no tokens');
  if (tIds.length >= ctx) throw new Error('measurePrompt: the target is longer than the context');
  let pIds = tok.encode(prompt);
  if (pIds.length === 0) throw new Error('measurePrompt: the prompt has no tokens');
  const room = ctx - Math.max(tIds.length, maxNew);
  const dropped = Math.max(0, pIds.length - room);
  pIds = pIds.slice(dropped);
  throwIfAborted(opts.signal);
  // the target's tokens as the model sees them after this prompt: encode(prompt) then encode(target)
  const ids = [...pIds, ...tIds];
  const r = await forward(ids);
  const logProb = continuationLogProb(r.logits, r.vocab, ids, pIds.length);
  const gen = [...pIds];
  for (let i = 0; i < maxNew; i++) {
    throwIfAborted(opts.signal);
    const g = await forward(gen);
    gen.push(argmaxAt(g.logits, g.vocab, gen.length - 1));
  }
  return { prompt, promptTokens: pIds.length, dropped, targetTokens: tIds.length, logProb, continuation: tok.decode(gen.slice(pIds.length)) };
}

export async function comparePrompts(prompts: { without: string; with: string }, target: string, tok: Tok, forward: EvalForward, opts: CompareOptions = {}): Promise<{ without: PromptResult; with: PromptResult }> {
  const total = 2 * (1 + (opts.maxNew ?? 8));
  const without = await measurePrompt(prompts.without, target, tok, forward, opts);
  opts.onStep?.(total / 2, total);
  const withP = await measurePrompt(prompts.with, target, tok, forward, opts);
  opts.onStep?.(total, total);
  return { without, with: withP };
}
