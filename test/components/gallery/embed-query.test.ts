import { describe, expect, it } from 'vitest';
import { defineSchema, enumOf, float, str } from '@/components/lesson/url-state';
import { embedQuery, fieldStrings, fieldsQuery, readEmbedQuery } from '@/components/gallery/embed-query';
import { loadAllWidgets } from '@/components/widgets/registry';

const schema = defineSchema({
  text: str({ default: 'hi', maxLength: 50 }),
  base: enumOf(['hex', 'bin'] as const, 'hex'),
  t: float({ default: 1, min: 0, max: 2 }),
});
const controls = ['text', 'base', 't', 'examples'];

describe('embedQuery', () => {
  it('writes the state, then only the flags that are set, with plain commas', () => {
    expect(embedQuery('text=hi&base=hex', { hide: ['base', 'examples'], lock: ['text'], theme: 'dark', frame: 'q 1' })).toBe(
      'text=hi&base=hex&hide=base,examples&lock=text&theme=dark&frame=q%201',
    );
    expect(embedQuery('text=hi', { hide: [], lock: [], theme: null, frame: '' })).toBe('text=hi');
    expect(embedQuery('', { hide: [], lock: [], theme: 'light', frame: '' })).toBe('theme=light');
  });

  it('keeps at most 64 characters of the frame name, as the embed page does', () => {
    expect(embedQuery('', { hide: [], lock: [], theme: null, frame: 'x'.repeat(100) })).toBe(`frame=${'x'.repeat(64)}`);
  });
});

describe('readEmbedQuery', () => {
  it('reads back exactly what embedQuery wrote: state, hide, lock, theme and frame, with no notes', () => {
    const flags = { hide: ['base', 't'], lock: ['text'], theme: 'light' as const, frame: 'lesson-3 ✓' };
    const state = { text: 'a&b=c, 👋🏽 #?', base: 'bin' as const, t: 0.35 };
    expect(readEmbedQuery(embedQuery(schema.serialize(state), flags), schema, controls)).toEqual({ state, ...flags, notes: [] });
  });

  it('clamps bad values and names unknown controls in notes instead of failing', () => {
    const r = readEmbedQuery('t=9&hide=nope,base&theme=pink&__proto__=1', schema, controls);
    expect(r.state.t).toBe(2);
    expect(r.hide).toEqual(['base']);
    expect(r.theme).toBeNull();
    expect(r.notes).toHaveLength(4);
  });
});

describe('the builder fields', () => {
  it('turn a state into one string per key and back into the same state', () => {
    const state = { text: 'x y', base: 'bin' as const, t: 1.5 };
    const fields = fieldStrings(schema, state);
    expect(fields).toEqual({ text: 'x y', base: 'bin', t: '1.5' });
    expect(schema.parse(new URLSearchParams(fieldsQuery(fields, schema.keys)))).toEqual({ state, notes: [] });
  });

  it('round-trip every registered widget with every control hidden and locked', async () => {
    for (const def of await loadAllWidgets()) {
      const flags = { hide: [...def.controls], lock: [...def.controls], theme: 'dark' as const, frame: def.id };
      const q = embedQuery(fieldsQuery(fieldStrings(def.schema, def.schema.defaults), def.schema.keys), flags);
      expect(readEmbedQuery(q, def.schema, def.controls), def.id).toEqual({ state: def.schema.defaults, ...flags, notes: [] });
    }
  });
});
