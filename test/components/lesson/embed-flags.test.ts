import { describe, expect, it } from 'vitest';
import { parseFlags } from '@/components/lesson/embed-flags';

const controls = ['text', 'topk', 'temperature'];

describe('parseFlags', () => {
  it('reads comma-separated hide and lock lists', () => {
    const f = parseFlags(new URLSearchParams('hide=temperature,topk&lock=text'), controls);
    expect([...f.hidden]).toEqual(['temperature', 'topk']);
    expect([...f.locked]).toEqual(['text']);
    expect(f.notes).toEqual([]);
  });

  it('drops control names the widget does not have, with a note', () => {
    const f = parseFlags(new URLSearchParams('hide=tempreature&lock=,text,'), controls);
    expect(f.hidden.size).toBe(0);
    expect([...f.locked]).toEqual(['text']);
    expect(f.notes).toEqual(['hide: "tempreature" is not a control of this widget (known: text, topk, temperature).']);
  });

  it('accepts theme=light|dark and notes anything else', () => {
    expect(parseFlags(new URLSearchParams('theme=dark'), controls).theme).toBe('dark');
    const f = parseFlags(new URLSearchParams('theme=pink'), controls);
    expect(f.theme).toBeNull();
    expect(f.notes).toHaveLength(1);
  });

  it('echoes the frame name, cut to 64 characters', () => {
    expect(parseFlags(new URLSearchParams('frame=a'), controls).frame).toBe('a');
    expect(parseFlags(new URLSearchParams(`frame=${'x'.repeat(100)}`), controls).frame).toHaveLength(64);
    expect(parseFlags(new URLSearchParams(''), controls).frame).toBeNull();
  });
});
