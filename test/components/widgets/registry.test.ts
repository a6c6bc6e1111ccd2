import { describe, expect, it } from 'vitest';
import { hasWidget, loadAllWidgets, loadWidget, widgetIds } from '@/components/widgets/registry';
import { listWidgets } from '@/components/widgets/server-list';

const widgets = await loadAllWidgets();

describe('widget registry', () => {
  it('has unique kebab-case ids, each the id of the def it loads', () => {
    const ids = widgets.map((w) => w.id);
    expect(ids).toEqual(widgetIds);
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

  it('lists exactly the widget folders, with the titles, descriptions and reserved heights of their defs (server source)', () => {
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    const fromRegistry = widgets.map((w) => ({ id: w.id, title: w.title, description: w.description, minHeight: w.minHeight })).sort(byId);
    expect(listWidgets().map((w) => ({ minHeight: undefined, ...w }))).toEqual(fromRegistry);
  });

  it('loadWidget finds by id, loads each def once, and knows no unknown or prototype ids', async () => {
    expect((await loadWidget('utf8-bytes'))?.id).toBe('utf8-bytes');
    expect(loadWidget('utf8-bytes')).toBe(loadWidget('utf8-bytes'));
    for (const id of ['nope', 'constructor', '__proto__', 'toString']) {
      expect(hasWidget(id)).toBe(false);
      expect(loadWidget(id)).toBeUndefined();
    }
  });
});
