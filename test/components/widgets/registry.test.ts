import { describe, expect, it } from 'vitest';
import { getWidget, widgets } from '@/components/widgets/registry';
import { listWidgets } from '@/components/widgets/server-list';

describe('widget registry', () => {
  it('has unique kebab-case ids', () => {
    const ids = widgets.map((w) => w.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  for (const w of widgets) {
    it(`${w.id}: its default state survives a URL round trip with no notes`, () => {
      const query = w.schema.serialize(w.schema.defaults);
      expect(w.schema.parse(new URLSearchParams(query))).toEqual({ state: w.schema.defaults, notes: [] });
    });

    it(`${w.id}: has a title, a one-line description and control names hide/lock may use`, () => {
      expect(w.title.length).toBeGreaterThan(0);
      expect(w.description).not.toMatch(/\n/);
      expect(w.controls.length).toBeGreaterThan(0);
      for (const c of w.controls) expect(c).toMatch(/^[a-z][a-zA-Z0-9-]*$/);
    });
  }

  it('lists exactly the widget folders, with the titles and descriptions of their defs (embed route source)', () => {
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    const fromRegistry = widgets.map((w) => ({ id: w.id, title: w.title, description: w.description })).sort(byId);
    expect(listWidgets()).toEqual(fromRegistry);
  });

  it('getWidget finds by id and returns undefined for unknown ids', () => {
    expect(getWidget('utf8-bytes')?.id).toBe('utf8-bytes');
    expect(getWidget('nope')).toBeUndefined();
  });
});
