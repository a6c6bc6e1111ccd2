'use client';
/**
 * The embed builder of one widget: its URL state (one field per schema key, parsed and clamped by
 * the schema as the embed page will), hidden and locked controls, theme, frame name and size →
 * the embed link and the iframe snippet (copyable), and a live preview of that exact URL.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { useWidgetDef } from '@/components/widgets/useWidgetDef';
import { CopyField } from '@/components/widgets/ShareEmbed';
import { UrlNotes } from '@/components/widgets/UrlNotes';
import { embedUrl, iframeSnippet } from '@/components/widgets/links';
import type { AnyWidgetDef } from '@/components/widgets/types';
import { embedQuery, fieldStrings, fieldsQuery, readEmbedQuery, type Theme } from './embed-query';
import { PreviewFrame } from './PreviewFrame';

export function EmbedBuilder({ id, title, initialQuery = '' }: { id: string; title: string; initialQuery?: string }) {
  const def = useWidgetDef(id);
  if (!def) return <p className="widget-loading" role="status">Loading the builder…</p>;
  return <Builder def={def} title={title} initialQuery={initialQuery} />;
}

function Builder({ def, title, initialQuery }: { def: AnyWidgetDef; title: string; initialQuery: string }) {
  const uid = useId();
  const start = useMemo(() => readEmbedQuery(initialQuery, def.schema, def.controls), [def, initialQuery]);
  const [fields, setFields] = useState(() => fieldStrings(def.schema, start.state));
  const [hide, setHide] = useState<readonly string[]>(start.hide);
  const [lock, setLock] = useState<readonly string[]>(start.lock);
  const [theme, setTheme] = useState<Theme>(start.theme);
  const [frame, setFrame] = useState(start.frame);
  const [height, setHeight] = useState(String((def.minHeight ?? 240) + 120));
  const [width, setWidth] = useState('');
  const [origin, setOrigin] = useState('');
  useEffect(() => setOrigin(window.location.origin), []); // known only in the browser

  const parsed = useMemo(() => def.schema.parse(new URLSearchParams(fieldsQuery(fields, def.schema.keys))), [def, fields]);
  const query = embedQuery(def.schema.serialize(parsed.state), { hide, lock, theme, frame });
  const url = embedUrl(origin, def.id, query);
  const h = clampPx(height, 120, 4000) ?? 400;
  const w = width.trim() === '' ? '100%' : (clampPx(width, 240, 4000) ?? '100%');
  const snippet = iframeSnippet(url, title, h, w);
  const preview = useSettled(embedUrl('', def.id, query), 400); // same URL, same origin; reloads once typing pauses

  const toggle = (list: readonly string[], set: (l: readonly string[]) => void, name: string, on: boolean) =>
    set(def.controls.filter((c) => (c === name ? on : list.includes(c))));
  const defaults = fieldStrings(def.schema, def.schema.defaults);

  return (
    <div className="builder">
      <fieldset className="builder-group">
        <legend>State</legend>
        <p className="muted builder-hint">The values the widget opens with, as its URL carries them (bad values are clamped, as the embed page will).</p>
        <div className="builder-fields">
          {def.schema.keys.map((k) => (
            <div className="control" key={k}>
              <label htmlFor={`${uid}-f-${k}`}>{k}</label>
              {typeof def.schema.defaults[k] === 'boolean' ? (
                <select id={`${uid}-f-${k}`} value={fields[k] ?? ''} onChange={(e) => setFields({ ...fields, [k]: e.target.value })}>
                  <option value="1">on (1)</option>
                  <option value="0">off (0)</option>
                </select>
              ) : (
                <input id={`${uid}-f-${k}`} type="text" value={fields[k] ?? ''} spellCheck={false} autoComplete="off"
                  placeholder={defaults[k]} onChange={(e) => setFields({ ...fields, [k]: e.target.value })} />
              )}
            </div>
          ))}
        </div>
        <UrlNotes notes={parsed.notes} />
        <button type="button" className="btn btn-small" onClick={() => setFields(defaults)}>Reset to the defaults</button>
      </fieldset>

      <fieldset className="builder-group">
        <legend>Controls</legend>
        <table className="builder-controls">
          <thead>
            <tr><th scope="col">Control</th><th scope="col">Hide</th><th scope="col">Lock</th></tr>
          </thead>
          <tbody>
            {def.controls.map((c) => (
              <tr key={c}>
                <th scope="row"><code>{c}</code></th>
                <td><input type="checkbox" aria-label={`Hide ${c}`} checked={hide.includes(c)} onChange={(e) => toggle(hide, setHide, c, e.target.checked)} /></td>
                <td><input type="checkbox" aria-label={`Lock ${c}`} checked={lock.includes(c)} onChange={(e) => toggle(lock, setLock, c, e.target.checked)} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>

      <fieldset className="builder-group builder-look">
        <legend>Look and size</legend>
        <div className="control">
          <label htmlFor={`${uid}-theme`}>Theme</label>
          <select id={`${uid}-theme`} value={theme ?? ''} onChange={(e) => setTheme(e.target.value === 'light' || e.target.value === 'dark' ? e.target.value : null)}>
            <option value="">Visitor&apos;s system setting</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </div>
        <div className="control">
          <label htmlFor={`${uid}-h`}>Height (px)</label>
          <input id={`${uid}-h`} type="number" min={120} max={4000} step={10} value={height} onChange={(e) => setHeight(e.target.value)} />
        </div>
        <div className="control">
          <label htmlFor={`${uid}-w`}>Width (px, empty = full column)</label>
          <input id={`${uid}-w`} type="number" min={240} max={4000} step={10} value={width} onChange={(e) => setWidth(e.target.value)} />
        </div>
        <div className="control">
          <label htmlFor={`${uid}-frame`}>Frame name (for height messages)</label>
          <input id={`${uid}-frame`} type="text" maxLength={64} value={frame} spellCheck={false} autoComplete="off" onChange={(e) => setFrame(e.target.value)} />
        </div>
      </fieldset>

      <div className="builder-out">
        <CopyField label="Embed link" value={url} />
        <CopyField label="Iframe snippet" value={snippet} multiline />
      </div>
      <h3 className="builder-preview-title">Preview of this exact link</h3>
      <PreviewFrame key={preview} src={preview} title={`Preview: ${title} (embed builder)`} height={h} width={w} fixed />
    </div>
  );
}

/** A whole number of px within [min, max], or null for an empty or non-numeric entry. */
function clampPx(raw: string, min: number, max: number): number | null {
  const n = Math.round(Number(raw));
  return raw.trim() !== '' && Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : null;
}

/** `value`, once it has stayed the same for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
