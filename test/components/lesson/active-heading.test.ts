import { describe, expect, it } from 'vitest';
import { activeHeading } from '@/components/lesson/active-heading';

describe('activeHeading', () => {
  const tops = (a: number, b: number, c: number) => [
    { id: 'a', top: a },
    { id: 'b', top: b },
    { id: 'c', top: c },
  ];

  it('is the last heading above the reading line', () => {
    expect(activeHeading(tops(-400, 90, 700), 200)).toBe('b');
    expect(activeHeading(tops(-900, -500, 200), 200)).toBe('c'); // exactly on the line counts
  });

  it('is the first heading before any has reached the line, and null without headings', () => {
    expect(activeHeading(tops(500, 900, 1300), 200)).toBe('a');
    expect(activeHeading([], 200)).toBeNull();
  });
});
