/**
 * Every merge, id, token cut and count the three opening lessons quote is recomputed here with
 * lib/ (the shipped BPE-4096 models/tokenizer/austen-bpe-4096.json, GPT-2 and cl100k as lib loads
 * them, the trainers, the samplers) and the quoted fragment is built FROM that output and must
 * appear in the lesson. If the code or the prose drifts, this fails.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BpeTokenizer, loadBpe, loadCl100k, loadGpt2, trainBpe } from '@/lib/tokenizer/bpe';
import { trainUnigram, trainWordPiece } from '@/lib/tokenizer';
import { breakdown } from '@/lib/text/graphemes';
import { applyFrequencyPresencePenalty, applyRepetitionPenalty, softmax, topP } from '@/lib/sample';
import { CORPUS } from '@/components/widgets/tokenizer-compare/corpus';
import { bpeTrainerSchema } from '@/components/widgets/bpe-trainer';
import { code, codes, fixed, lessonText, quoteOf } from './quoted-facts';

const austen = loadBpe(readFileSync('models/tokenizer/austen-bpe-4096.json', 'utf8'));
let gpt2: BpeTokenizer;
let cl100k: BpeTokenizer;
beforeAll(async () => {
  [gpt2, cl100k] = await Promise.all([loadGpt2(), loadCl100k()]);
});

const texts = (t: { encodeWithSpans: (s: string) => { text: string }[] }, s: string) => t.encodeWithSpans(s).map((x) => x.text);
const ids = (t: BpeTokenizer, s: string) => t.encode(s);
const bytes = (s: string) => new TextEncoder().encode(s).length;
const expectIn = (slug: string, fragment: string) => expect(lessonText(slug)).toContain(quoteOf(fragment));
/** Id of a token of our BPE-4096 by its text (-1 if none). */
const idOf = (s: string) => Array.from({ length: austen.vocabSize }, (_, i) => i).find((i) => austen.tokenText(i) === s) ?? -1;
const mergeText = (rank: number) => austen.merges[rank].map((i) => austen.tokenText(i));

describe('tokenization: merges of the shipped BPE-4096', () => {
  it('quotes its first four merges with their ids (id = 256 + rank, rank from 0)', () => {
    const first = [0, 1, 2, 3].map((r) => ({ id: 256 + r, text: austen.tokenText(256 + r) }));
    expect(first.map((m) => m.text)).toEqual(['he', ' t', ' a', 'in']);
    expectIn('tokenization', `the first four merges are ${code(first[0].text)} (id ${first[0].id}), ${code(first[1].text)} (${first[1].id}), ${code(first[2].text)} (${first[2].id}) and ${code(first[3].text)} (${first[3].id})`);
  });

  it('quotes ·the as merge 12 = ·t + he, and th as a much later merge', () => {
    const the = idOf(' the');
    const [l, r] = mergeText(the - 256);
    expect([l, r]).toEqual([' t', 'he']);
    expectIn('tokenization', `${code(' the')} is merge ${the - 256}, id ${the} = ${code(l)} + ${code(r)}`);
    const th = idOf('th');
    expect(th - 256).toBeGreaterThan(100);
    expectIn('tokenization', `${code('th')} only becomes a token at merge ${th - 256} (id ${th})`);
    // "about two thirds of the ths in Austen start a word"
    const text = readFileSync('training/data/austen.txt', 'utf8');
    const share = (text.match(/ th/g) ?? []).length / (text.match(/th/g) ?? []).length;
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.72);
    expectIn('tokenization', 'about two thirds of the `th`s in Austen start a word');
  });

  it('has no token of two or more digits, so it spells 1234567890 digit by digit', () => {
    for (let i = 256; i < austen.vocabSize; i++) expect(austen.tokenText(i)).not.toMatch(/\d\d/);
    expect(ids(austen, '1234567890')).toHaveLength(10);
    expectIn('tokenization', 'our BPE-4096 gives 10 tokens, one per digit');
  });

  it('has no merge for bytes outside ASCII', () => {
    for (let i = 256; i < austen.vocabSize; i++) expect([...new TextEncoder().encode(austen.tokenText(i))].every((b) => b < 128)).toBe(true);
    expectIn('tokenization', 'which has no merge at all for bytes outside ASCII');
  });

  it('has no special tokens, and reads <|endoftext|> as ordinary text', () => {
    expect(austen.specialTokens.size).toBe(0);
    expectIn('tokenization', `our BPE-4096 has none, and reads ${code('<|endoftext|>')} as ${ids(austen, '<|endoftext|>').length} ordinary tokens`);
  });

  it('encodes the unseen word ·tokenizer by applying merges in rank order, as the list shows', () => {
    expect(readFileSync('training/data/austen.txt', 'utf8')).not.toMatch(/tokeni[sz]er/i); // "never occurs in Austen"
    const steps = austen.encodeSteps(' tokenizer');
    const rows = steps.slice(1).map((s, k) => {
      const [a, b] = s.pair!.map((i) => austen.tokenText(i));
      const state = codes(s.ids.map((i) => austen.tokenText(i)));
      return `${k + 1}. ${code(a)} + ${code(b)} (rank ${s.id! - 256}) → ${state}`;
    });
    expect(rows).toHaveLength(6);
    for (const row of rows) expectIn('tokenization', row);
    const final = steps.at(-1)!.ids;
    expect(final).toEqual(austen.encode(' tokenizer'));
    expectIn('tokenization', `ids ${final.join(', ')}`);
  });
});

describe('tokenization: GPT-2 and cl100k as lib loads them', () => {
  it('hello hello hello: 3 GPT-2 tokens with the space glued on, 17 bytes', () => {
    expect(texts(gpt2, 'hello hello hello')).toEqual(['hello', ' hello', ' hello']);
    expect(bytes('hello hello hello')).toBe(17);
    expectIn('tokenization', `GPT-2 gives **3** tokens, ${codes(['hello', ' hello', ' hello'])} (ids ${ids(gpt2, 'hello hello hello').join(', ')})`);
    expectIn('tokenization', 'The byte tokenizer gives **17**');
  });

  it('spelling: ·strawberry is one GPT-2 token; reversed it is three', () => {
    expect(ids(gpt2, ' strawberry')).toHaveLength(1);
    expectIn('tokenization', `In GPT-2, ${code(' strawberry')} is one token, id ${ids(gpt2, ' strawberry')[0]}`);
    expectIn('tokenization', `reversed, ${code(' yrrebwarts')} becomes ${codes(texts(gpt2, ' yrrebwarts'))}`);
  });

  it('digits: GPT-2 and cl100k cut 1234567890 differently', () => {
    expectIn('tokenization', `GPT-2 cuts ${code('1234567890')} into ${codes(texts(gpt2, '1234567890'))}; cl100k into ${codes(texts(cl100k, '1234567890'))}`);
  });

  it('trailing space: "Hello world " ends with a lone space token', () => {
    const withSpace = ids(gpt2, 'Hello world ');
    expectIn('tokenization', `${code('Hello world')} is ${ids(gpt2, 'Hello world').length} GPT-2 tokens; ${code('Hello world ')} is ${withSpace.length}: the last is ${code(' ')} on its own, id ${withSpace.at(-1)}`);
  });

  it('glitch token: ·SolidGoldMagikarp is one GPT-2 token, five in cl100k', () => {
    expect(ids(gpt2, ' SolidGoldMagikarp')).toHaveLength(1);
    expectIn('tokenization', `${code(' SolidGoldMagikarp')} is a single GPT-2 token, id ${ids(gpt2, ' SolidGoldMagikarp')[0]}`);
    expectIn('tokenization', `cl100k spells it ${codes(texts(cl100k, ' SolidGoldMagikarp'))}`);
  });

  it('the same sentence in five languages: bytes and tokens per tokenizer (the table)', () => {
    const rows: [string, string, string][] = [
      ['English', 'en', 'This is an example.'],
      ['German', 'de', 'Dies ist ein Beispiel.'],
      ['Russian', 'ru', 'Это пример.'],
      ['Japanese', 'ja', 'これは例です。'],
      ['Hindi', 'hi', 'यह एक उदाहरण है।'],
    ];
    for (const [name, lang, s] of rows) {
      expectIn('tokenization', `- ${name} (${bytes(s)} bytes): <span lang="${lang}">${s}</span>`);
      expectIn('tokenization', `<tr><th scope="row">${name}</th><td>${ids(gpt2, s).length}</td><td>${ids(cl100k, s).length}</td><td>${ids(austen, s).length}</td></tr>`);
    }
  });

  it('special tokens: GPT-2 has one, cl100k five', () => {
    expect([...gpt2.specialTokens]).toEqual([['<|endoftext|>', 50256]]);
    expect(gpt2.encode('<|endoftext|>')).toEqual([50256]); // the viewer turns special strings into their ids
    expectIn('tokenization', `GPT-2 has one special token, ${code('<|endoftext|>')}, id 50256`);
    const cl = [...cl100k.specialTokens].map(([s, id]) => `${code(s)} (${id})`);
    expect(cl).toHaveLength(5);
    expectIn('tokenization', `${cl.slice(0, -1).join(', ')} and ${cl.at(-1)}`);
  });

  it("GPT-2's byte-to-Unicode map (openai/gpt-2 encoder.py) turns ·the into Ġthe and ↵↵ into ĊĊ", () => {
    // bytes_to_unicode(), transcribed: printable bytes stay, the other 68 become U+0100 + n in byte order
    const keep = [...Array(256).keys()].filter((b) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff));
    const map = new Map(keep.map((b) => [b, String.fromCodePoint(b)]));
    let n = 0;
    for (let b = 0; b < 256; b++) if (!map.has(b)) map.set(b, String.fromCodePoint(256 + n++));
    expect(n).toBe(68);
    const shown = (s: string) => Array.from(new TextEncoder().encode(s), (b) => map.get(b)).join('');
    expect(shown(' ')).toBe('\u0120');
    expect(shown('\n')).toBe('\u010a');
    expectIn('tokenization', `the space (byte 32) becomes ${code(shown(' '))} (U+0120) and the newline (byte 10) ${code(shown('\n'))} (U+010A)`);
    expectIn('tokenization', `the token ${code(' the')} (id ${ids(gpt2, ' the')[0]}) is stored as ${code(shown(' the'))}, and ${code('\n\n')} (id ${ids(gpt2, '\n\n')[0]}) as ${code(shown('\n\n'))}`);
  });

  it('bytes per token on the opening chapters of Pride and Prejudice', () => {
    const b = bytes(CORPUS);
    const r = (t: BpeTokenizer) => fixed(b / t.encode(CORPUS).length, 2);
    expectIn('tokenization', `${r(austen)} bytes per token for our BPE-4096, ${r(gpt2)} for GPT-2 and ${r(cl100k)} for cl100k`);
  });
});

describe('tokenization: the trainers', () => {
  it('the BPE trainer default paragraph stops short of vocabulary 500', () => {
    const corpus = bpeTrainerSchema.defaults.corpus;
    const { trace } = trainBpe(corpus, 500);
    const left = trace.at(-1)!.tokensAfter;
    expectIn('tokenization', `default paragraph (${bytes(corpus)} bytes)`);
    expectIn('tokenization', `It stops after **${trace.length}** merges, with ${left} tokens left: $${bytes(corpus)}/${left} \\approx ${fixed(bytes(corpus) / left, 2)}$ bytes per token`);
  });

  it('the textbook example ends at 11/5 bytes per token, and minbpe would break the first tie the other way', () => {
    const { trace } = trainBpe('aaabdaaabac', 259);
    expect(trace.map((m) => m.pair)).toEqual([[97, 97], [97, 98], [256, 257]]);
    expect(trace.at(-1)!.tokensAfter).toBe(5);
    expectIn('tokenization', '$11/5 = 2.2$ bytes per token');
    // minbpe's get_stats + max(): the first pair met among those with the top count
    const seq = [256, 97, 98, 100, 256, 97, 98, 97, 99]; // ZabdZabac
    const counts = new Map<string, number>();
    for (let i = 0; i + 1 < seq.length; i++) counts.set(`${seq[i]},${seq[i + 1]}`, (counts.get(`${seq[i]},${seq[i + 1]}`) ?? 0) + 1);
    const top = Math.max(...counts.values());
    expect([...counts].find(([, c]) => c === top)![0]).toBe('256,97');
    expectIn('tokenization', 'minbpe would merge `Z a` first');
  });

  it('WordPiece spells Bingley letter by letter at vocabulary 800, BPE and Unigram keep it whole', () => {
    const wp = trainWordPiece(CORPUS, 800).tokenizer;
    const bpe = trainBpe(CORPUS, 800).tokenizer;
    const uni = trainUnigram(CORPUS, 800).tokenizer;
    const w = texts(wp, 'Bingley');
    expect(w).toHaveLength(7);
    expect(texts(bpe, ' Bingley')).toEqual([' Bingley']);
    expect(texts(uni, 'Bingley')).toEqual(['\u2581Bingley']);
    expect(CORPUS.match(/Bingley/g)).toHaveLength(28);
    expectIn('tokenization', `WordPiece spells it ${codes(w)}`);
    expectIn('tokenization', 'appears 28 times');
  });
});

describe('tokens-and-bytes', () => {
  it('the flag challenge: 🇫🇷 is one character, 8 UTF-8 bytes, JavaScript length 4', () => {
    expect(breakdown('🇫🇷').counts).toEqual({ graphemes: 1, codePoints: 2, utf16Units: 4, utf8Bytes: 8 });
    expectIn('tokens-and-bytes', '**8 bytes** for one character (and `length` 4 in JavaScript)');
  });

  it('the four answers to "how long is this string?" for the family emoji', () => {
    const c = breakdown('👩\u200d👩\u200d👧').counts;
    expectIn('tokens-and-bytes', `**${c.graphemes}** character (grapheme cluster), **${c.codePoints}** code points, **${c.utf16Units}** UTF-16 code units (JavaScript's \`length\`) and **${c.utf8Bytes}** UTF-8 bytes`);
  });

  it('normalisation: NFC composes é, NFKC also folds compatibility characters', () => {
    expect('e\u0301'.normalize('NFC')).toBe('\u00e9');
    expect('\u00e9'.normalize('NFD')).toBe('e\u0301');
    expect('\ufb01'.normalize('NFC')).toBe('\ufb01');
    expect('\ufb01'.normalize('NFKC')).toBe('fi');
    expect('\uff21'.normalize('NFKC')).toBe('A');
    expectIn('tokens-and-bytes', 'the ligature `ﬁ` (U+FB01) becomes `fi` and the full-width `Ａ` (U+FF21) becomes `A`');
  });
});

describe('sampling', () => {
  const p3 = (xs: ArrayLike<number>) => Array.from(xs, (x) => fixed(x, 3)).join(', ');

  it("quotes lm's validation loss and perplexity from models/manifest.json", () => {
    const v = JSON.parse(readFileSync('models/manifest.json', 'utf8')).models.lm.validation;
    expect(Math.exp(v.loss)).toBeCloseTo(v.perplexity, 2);
    expectIn('sampling', `${fixed(v.loss, 2)} nats per token`);
    expectIn('sampling', `$e^{${fixed(v.loss, 2)}} \\approx ${fixed(v.perplexity, 1)}$`);
  });

  it('adding a constant to every logit changes nothing', () => {
    expect(p3(softmax([2, 1, 0]))).toBe(p3(softmax([102, 101, 100])));
    expectIn('sampling', `$(2, 1, 0)$ and $(102, 101, 100)$ both give $p \\approx (${p3(softmax([2, 1, 0]))})$`);
  });

  it('the penalty challenge: a penalised token can gain probability', () => {
    const after = applyRepetitionPenalty([2, 1, 0], [0, 2], 2);
    expect(Array.from(after)).toEqual([1, 1, 0]);
    expectIn('sampling', `$p \\approx (${p3(softmax([2, 1, 0]))})$ becomes $(${p3(softmax(after))})$`);
  });

  it('the frequency/presence example', () => {
    const out = applyFrequencyPresencePenalty([2], [0, 0, 0], 0.5, 0.4);
    expect(out[0]).toBeCloseTo(0.1, 6);
    expectIn('sampling', '$2 - 3 \\cdot 0.5 - 0.4 = 0.1$');
  });

  it('top-p 0.75 on (0.5, 0.3, 0.15, 0.05) keeps two tokens', () => {
    expect(topP(Float64Array.from([0.5, 0.3, 0.15, 0.05]), 0.75).filter((x) => x > 0)).toHaveLength(2);
    expectIn('sampling', 'On $(0.5, 0.3, 0.15, 0.05)$ with $p = 0.75$ it keeps two tokens');
  });

  it('the "Which filter keeps more?" solution', () => {
    const t1 = softmax([2, 1, 0]);
    const t05 = softmax([2, 1, 0], 0.5);
    expectIn('sampling', `At $T = 1$: $p \\approx (${p3(t1)})$`);
    expectIn('sampling', `At $T = 0.5$: $p \\approx (${p3(t05)})$`);
    expectIn('sampling', `$${fixed(t05[0], 3)} < 0.9 \\le ${fixed(t05[0] + t05[1], 3)}$`);
    expectIn('sampling', `min-p's threshold rises to $${fixed(0.1 * t05[0], 3)}$`);
    expect(topP(t1, 0.9).filter((x) => x > 0)).toHaveLength(2);
    expect(topP(t05, 0.9).filter((x) => x > 0)).toHaveLength(2);
  });

  it('the entropy example: H(0.5, 0.25, 0.25) = 1.5 ln 2 ≈ 1.04 nats, about 2.8 choices', () => {
    const h = -[0.5, 0.25, 0.25].reduce((s, p) => s + p * Math.log(p), 0);
    expect(h).toBeCloseTo(1.5 * Math.log(2), 12);
    expectIn('sampling', `$H = 1.5 \\ln 2 \\approx ${fixed(h, 2)}$ nats, about ${fixed(Math.exp(h), 1)} effective choices`);
  });
});
