import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPassages, lessonSpecs, splitPoint } from '@/lib/retrieval/corpus';
import { bareRagPrompt, fewShotPrompt, ragPrompt, SCENARIOS } from '@/lib/retrieval/prompt';
import { measurePrompt } from '@/lib/retrieval/compare';
import { QUERIES } from '@/lib/retrieval/queries';
import { ragPromptSchema } from '@/components/widgets/rag-prompt';
import shipped from '@/lib/retrieval/passages.json';

const austen = readFileSync('training/data/austen.txt', 'utf8');
const moby = readFileSync('training/data/moby-dick.txt', 'utf8');

describe('the passage corpus', () => {
  it('cuts paragraphs of the allowed length, every n-th, with offsets', () => {
    const text = 'a b c\n\nd e\n\n  f g h  \n\ni';
    expect(buildPassages([{ source: 'x', text, from: 0, every: 1, max: 9 }], 2, 3).map((p) => [p.id, p.text])).toEqual([['x-0', 'a b c'], ['x-7', 'd e'], ['x-14', 'f g h']]);
    expect(buildPassages([{ source: 'x', text, from: 0, every: 2, max: 9 }], 2, 3).map((p) => p.text)).toEqual(['a b c', 'f g h']);
    expect(buildPassages([{ source: 'x', text, from: 5, every: 1, max: 1 }], 1, 3).map((p) => p.text)).toEqual(['d e']);
  });

  it('is deterministic and the shipped file is exactly what the builder makes from the training texts', () => {
    const a = buildPassages(lessonSpecs(austen, moby));
    expect(buildPassages(lessonSpecs(austen, moby))).toEqual(a);
    expect(shipped).toEqual(a);
    expect(a.length).toBe(160);
    expect(a.filter((p) => p.source === 'austen').length).toBe(100);
    expect(Buffer.byteLength(readFileSync('lib/retrieval/passages.json'))).toBeLessThan(200_000);
  });

  it('each passage is found at its offset, and every Austen passage lies in the held-out slice', () => {
    const cut = splitPoint(austen, 0.95);
    for (const p of shipped) {
      const src = p.source === 'austen' ? austen : moby;
      expect(src.slice(p.offset, p.offset + 3 * p.text.length).replace(/\s+/g, ' ').startsWith(p.text)).toBe(true);
      if (p.source === 'austen') expect(p.offset).toBeGreaterThanOrEqual(cut);
    }
  });

  it('every judged passage of every test query exists', () => {
    const ids = new Set(shipped.map((p) => p.id));
    for (const q of QUERIES) for (const r of q.relevant) expect(ids.has(r), `${q.query}: ${r}`).toBe(true);
    expect(QUERIES.length).toBe(17);
    expect(QUERIES.filter((q) => q.kind === 'paraphrase').length).toBe(5);
  });
});

describe('prompts', () => {
  it('build the templates of the doc comment', () => {
    expect(ragPrompt(['P1', 'P2'], 'Q', 'It was', 'plain')).toBe('P1\n\nP2\n\nIt was');
    expect(ragPrompt(['P1'], 'Q', 'It was', 'labelled')).toBe('Passage: P1\n\nQuestion: Q\nAnswer: It was');
    expect(bareRagPrompt('Q', 'It was', 'plain')).toBe('It was');
    expect(fewShotPrompt(['a', 'b', 'c'], 's', 2)).toBe('a\nb\ns');
  });

  it('the widget offers every scenario and defaults to the first', () => {
    expect(ragPromptSchema.defaults.scenario).toBe(SCENARIOS[0].id);
    expect(ragPromptSchema.defaults.stem).toBe(SCENARIOS[0].stem);
    expect(ragPromptSchema.defaults.target).toBe(SCENARIOS[0].target);
    expect(ragPromptSchema.defaults.query).toBe(SCENARIOS[0].query);
    const parsed = ragPromptSchema.parse(new URLSearchParams(SCENARIOS.map((s, i) => `x${i}=${s.id}`).join('&')));
    expect(parsed.state.scenario).toBe(SCENARIOS[0].id);
    for (const s of SCENARIOS) expect(ragPromptSchema.parse(new URLSearchParams(`scenario=${s.id}`)).state.scenario).toBe(s.id);
  });

  it('measurePrompt: uniform logits give ln p = −n ln V, and a long prompt loses its first tokens', async () => {
    const V = 4;
    const tok = { encode: (s: string) => [...s].map((c) => c.charCodeAt(0) % V), decode: (ids: readonly number[]) => ids.join('') };
    const fwd = async (ids: number[]) => ({ logits: new Float32Array(ids.length * V), vocab: V });
    const r = await measurePrompt('abc', 'de', tok, fwd, { maxNew: 2, context: 256 });
    expect(r.logProb).toBeCloseTo(-2 * Math.log(4), 6);
    expect([r.promptTokens, r.dropped, r.targetTokens, r.continuation]).toEqual([3, 0, 2, '00']);
    const long = await measurePrompt('abcdefghij', 'k', tok, fwd, { maxNew: 3, context: 8 });
    expect([long.promptTokens, long.dropped]).toEqual([5, 5]);
  });
});
