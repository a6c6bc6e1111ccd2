import { describe, expect, it } from 'vitest';
import { groupedLessons, neighbours, type LessonMeta } from '@/components/lesson/lessons';

const L = (slug: string, group: string): LessonMeta => ({ slug, group, title: slug.toUpperCase(), summary: '' });
const course = [L('a', 'G1'), L('b', 'G2'), L('c', 'G1')];

describe('neighbours', () => {
  it('gives previous and next in course order, nothing past the ends', () => {
    expect(neighbours('b', course)).toEqual({ prev: course[0], next: course[2] });
    expect(neighbours('a', course)).toEqual({ prev: undefined, next: course[1] });
    expect(neighbours('c', course)).toEqual({ prev: course[1], next: undefined });
    expect(neighbours('zz', course)).toEqual({});
  });
});

describe('groupedLessons', () => {
  it('groups in order of first appearance, keeping course order inside a group', () => {
    expect(groupedLessons(course).map((g) => [g.group, g.lessons.map((l) => l.slug)])).toEqual([
      ['G1', ['a', 'c']],
      ['G2', ['b']],
    ]);
  });
});
