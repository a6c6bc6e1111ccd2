import { describe, expect, it } from 'vitest';
import { extractHeadings, slugify } from '@/lib/text/slug';

describe('slugify', () => {
  it('lower-cases, drops punctuation and accents, and joins words with dashes', () => {
    expect(slugify('Bytes, not characters!')).toBe('bytes-not-characters');
    expect(slugify('Où est   UTF-8 ?')).toBe('ou-est-utf-8');
  });
});

describe('extractHeadings', () => {
  it('lists ## and ### headings with ids and skips fenced code', () => {
    const src = ['# Title', '## First `code` part', 'text', '```', '## not a heading', '```', '### Sub *one*'].join('\n');
    expect(extractHeadings(src)).toEqual([
      { depth: 2, text: 'First code part', id: 'first-code-part' },
      { depth: 3, text: 'Sub one', id: 'sub-one' },
    ]);
  });
});
