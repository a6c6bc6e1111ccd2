import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LESSON_TAGS } from '@/mdx-components';
import { loadAllWidgets } from '@/components/widgets/registry';
import { extractHeadings } from '@/lib/text/slug';
import { checkIndex, checkLesson, type LessonEntry, type Site } from './check';

const widgets = await loadAllWidgets();
const entries: LessonEntry[] = JSON.parse(readFileSync('content/lessons.json', 'utf8'));
const files = readdirSync('content/lessons').filter((f) => f.endsWith('.mdx'));
const source = (slug: string) => readFileSync(`content/lessons/${slug}.mdx`, 'utf8');
const site: Site = {
  lessonSlugs: entries.map((e) => e.slug),
  widgetIds: widgets.map((w) => w.id),
  tags: LESSON_TAGS,
  headingsOf: (slug) => extractHeadings(source(slug)).map((h) => h.id),
  presetNotes: (id, preset) => widgets.find((w) => w.id === id)!.schema.parse(new URLSearchParams(preset)).notes,
};

describe('content/lessons.json', () => {
  it('lists every lesson file exactly once, each with slug, title, one-line summary and group', () => {
    expect(checkIndex(entries, files)).toEqual([]);
  });
});

describe('every lesson', () => {
  for (const f of files) {
    const slug = f.replace(/\.mdx$/, '');
    it(`${slug} uses only registered tags, known widgets and live internal links`, () => {
      expect(checkLesson(slug, source(slug), site)).toEqual([]);
    });
    it(`${slug} has no math in its headings (KaTeX output would not match the table of contents' anchor)`, () => {
      expect(source(slug).split('\n').filter((l) => /^#{1,6} .*\$/.test(l))).toEqual([]);
    });
  }
});

describe('the content check itself', () => {
  const fake: Site = { lessonSlugs: ['a', 'b'], widgetIds: ['w'], tags: ['Widget', 'Recap'], headingsOf: () => ['intro'] };

  it('fails on an unregistered tag and an unknown widget id', () => {
    const problems = checkLesson('a', '<Recap>ok</Recap>\n\n<Fancy />\n\n<Widget id="nope" />\n', fake);
    expect(problems).toEqual(['a.mdx:3: <Fancy> is not a registered lesson tag', 'a.mdx:5: <Widget id="nope"> is not in the widget registry']);
  });

  it('fails on dead internal links and missing headings, and ignores external links', () => {
    const src = ['## Here', '[x](/lessons/zzz/) [y](/lessons/b/#intro) [z](/lessons/b/#gone) [w](#here) [v](#nowhere) [u](https://x.org/a)'].join('\n');
    expect(checkLesson('a', src, fake)).toEqual([
      'a.mdx:2: dead internal link /lessons/zzz/',
      'a.mdx:2: link /lessons/b/#gone names a heading that does not exist',
      'a.mdx:2: link #nowhere names a heading that does not exist',
    ]);
  });

  it('fails on a widget preset its URL schema rejects', () => {
    const withPresets: Site = { ...fake, presetNotes: (_id, p) => (p.includes('bad') ? ['x: "bad" is not valid'] : []) };
    expect(checkLesson('a', '<Widget id="w" preset="x=ok" />\n\n<Widget id="w" preset="x=bad" />\n', withPresets)).toEqual([
      'a.mdx:3: <Widget id="w"> preset: x: "bad" is not valid',
    ]);
  });

  it('fails on a lesson that cites internal files (seeds, their line numbers, shared/) instead of a source', () => {
    const src = [
      'The survey puts it this way (seed 000, lines 177–181).',
      '',
      'See SEED-TOPICS.md and ../shared/notes/ort-web.md, line 12.',
      '',
      'Cite the paper instead: Sennrich et al. (2016), section 3.2, with 30,000 merges.',
    ].join('\n');
    const why = 'which students cannot open: cite the primary source';
    expect(checkLesson('a', src, fake)).toEqual([
      `a.mdx:1: cites a seed file "seed 000", ${why}`,
      `a.mdx:1: cites line numbers of a file "lines 177–181", ${why}`,
      `a.mdx:3: cites SEED-TOPICS "SEED-TOPICS", ${why}`,
      `a.mdx:3: cites a shared/ path "../shared/n", ${why}`,
      `a.mdx:3: cites line numbers of a file "line 12", ${why}`,
    ]);
  });

  it('fails on imports in a lesson', () => {
    expect(checkLesson('a', "import X from 'y'\n\nhi\n", fake)).toEqual(['a.mdx:1: lessons may not import or export (use registered tags)']);
  });

  it('fails when a lessons.json entry has no file, or a file has no entry', () => {
    const e = [{ slug: 'a', title: 'A', summary: 's', group: 'g' }];
    expect(checkIndex(e, ['b.mdx'])).toEqual(['lessons.json: a has no file content/lessons/a.mdx', 'content/lessons/b.mdx is not listed in lessons.json']);
  });
});
