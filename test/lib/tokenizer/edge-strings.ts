/** Shared table of edge strings for tokenizer tests (not a test file itself). */
import { mulberry32 } from '@/lib/tensor/rng';

export const EDGE_STRINGS: Record<string, string> = {
  empty: '',
  'one char': 'a',
  'one space': ' ',
  'runs of spaces': 'a    b     c  ',
  'leading spaces': '   hello',
  'tabs and newlines': 'a\tb\n\nc\r\nd\n\n\n   \n',
  'only newlines': '\n\n\n\n',
  'trailing space before newline': 'end   \nnext',
  numbers: '0 1 12 123 1234 12345 3.14159 -42 1,000,000 2024-11-24',
  'contractions and case': "I'm you're he'll THEY'LL we'D it's IT'S don't",
  code: 'function f(x) {\n  return x * 2; // double\n}\nconst a = [1, 2, 3].map((v) => v ** 2);\n',
  python: 'def main():\n    for i in range(10):\n        print(f"{i:>3}")\n',
  'emoji with ZWJ': 'family: 👨‍👩‍👧‍👦 and 🏳️‍🌈 and 👩🏽‍💻!',
  'flag pairs': '🇫🇷🇩🇪🇯🇵',
  CJK: '漢字と仮名の混じった文章です。中文字符测试。',
  Korean: '안녕하세요 세계! 한국어 문장입니다.',
  RTL: 'שלום עולם — مرحبا بالعالم',
  'combining marks': 'e\u0301 a\u0300\u0323 Z\u0351\u0352\u0353 n\u0303',
  'non-breaking and odd spaces': 'a\u00A0b\u2009c\u3000d\u200Be',
  BOM: '\uFEFFstart with a BOM',
  'astral letters': '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝐛𝐨𝐥𝐝 𐐷',
  'control chars': '\u0000\u0001\u007F\u0085 end',
  'special token text': 'before <|endoftext|> after',
  'long word': 'a'.repeat(300) + ' ' + 'xyz'.repeat(100),
  'long digits': '9'.repeat(200),
  'long spaces': ' '.repeat(200) + 'x',
  punctuation: '...!!! ??? --- *** ((( ))) "quoted" \'single\'',
  URL: 'https://example.com/path?q=1&r=two#frag',
};

/** Strings with lone surrogates (ill-formed UTF-16) and their expected U+FFFD replacement. */
export const LONE_SURROGATES: Record<string, [string, string]> = {
  'lone high': ['a\uD83Db', 'a\uFFFDb'],
  'lone low': ['a\uDE00b', 'a\uFFFDb'],
  'reversed pair': ['\uDE00\uD83D', '\uFFFD\uFFFD'],
  'lone at end': ['end\uD800', 'end\uFFFD'],
};

const POOLS = [
  'abcdefghijklmnopqrstuvwxyz',
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  "0123456789.,;:!?'\"()-",
  ' \t\n\r',
  'éüñçøåß',
  '漢字仮名中文안녕',
  'שלוםمرحبا',
  '\u0301\u0300\u0323',
  '😀🎉👍🏽‍\u200D❤️',
  '𝔘𝐛𐐷',
];

/** A seeded generator of well-formed random strings mixing scripts, spaces and emoji. */
export function randomStrings(seed: number, count: number, maxLen = 40): string[] {
  const rng = mulberry32(seed);
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const len = rng.int(maxLen + 1);
    let s = '';
    for (let i = 0; i < len; i++) {
      const pool = [...POOLS[rng.int(POOLS.length)]]; // code points, never split surrogates
      s += pool[rng.int(pool.length)];
    }
    out.push(s);
  }
  return out;
}
