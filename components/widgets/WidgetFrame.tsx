'use client';
/**
 * A widget inside a lesson: title, URL-state sync (keys prefixed by the instance name), notes
 * about bad URL values, the lazily loaded widget, and the share / embed button.
 */
import { Suspense, useEffect, useState } from 'react';
import { useWidgetDef } from './useWidgetDef';
import { useWidgetState } from '@/components/lesson/useWidgetState';
import { UrlNotes } from './UrlNotes';
import { ShareEmbed } from './ShareEmbed';
import { embedUrl, iframeSnippet } from './links';
import type { AnyWidgetDef } from './types';

const NONE: ReadonlySet<string> = new Set();

/**
 * `title` and `minHeight` come from the server (server-list.ts reads them from the widget's
 * index.ts) so the static HTML has the heading and reserves the height before the def loads.
 */
export function WidgetFrame({ id, instance, preset, title, minHeight }: { id: string; instance?: string; preset?: string; title?: string; minHeight?: number }) {
  const def = useWidgetDef(id);
  const prefix = instance ?? id;
  if (def === null) return <p className="url-notes">Unknown widget “{id}”.</p>;
  if (def === undefined)
    return (
      <section className="widget" id={`widget-${prefix}`} aria-labelledby={`widget-${prefix}-title`} data-widget={id}>
        <header className="widget-head">
          <h3 id={`widget-${prefix}-title`} className="widget-title">
            {title ?? id}
          </h3>
        </header>
        <div className="widget-body">
          <WidgetLoading minHeight={minHeight} />
        </div>
      </section>
    );
  return <Frame def={def} prefix={prefix} preset={preset} />;
}

function Frame({ def, prefix, preset }: { def: AnyWidgetDef; prefix: string; preset?: string }) {
  const { state, setState, notes, ready, dismissNotes } = useWidgetState(def.schema, { prefix, preset });
  const [origin, setOrigin] = useState('');
  // window.location exists only after mount (static HTML).
  useEffect(() => setOrigin(window.location.origin), []);
  const query = def.schema.serialize(state);
  const embed = embedUrl(origin, def.id, query);
  const link = origin ? `${origin}${window.location.pathname}?${def.schema.serialize(state, { prefix })}#widget-${prefix}` : '';
  const Component = def.Component;
  return (
    <section className="widget" id={`widget-${prefix}`} aria-labelledby={`widget-${prefix}-title`} data-widget={def.id}>
      <header className="widget-head">
        <h3 id={`widget-${prefix}-title`} className="widget-title">
          {def.title}
        </h3>
        {ready && <ShareEmbed link={link} embed={embed} snippet={iframeSnippet(embed, def.title, (def.minHeight ?? 240) + 80)} />}
      </header>
      <UrlNotes notes={notes} onDismiss={dismissNotes} />
      <div className="widget-body">
        {ready ? (
          <Suspense fallback={<WidgetLoading minHeight={def.minHeight} />}>
            <Component state={state} setState={setState} hidden={NONE} locked={NONE} />
          </Suspense>
        ) : (
          <WidgetLoading minHeight={def.minHeight} />
        )}
      </div>
    </section>
  );
}

/** Placeholder while a widget's code loads; reserves its height so the page does not jump. */
export function WidgetLoading({ minHeight = 240 }: { minHeight?: number }) {
  return (
    <p className="widget-loading" role="status" style={{ minHeight }}>
      Loading the widget…
    </p>
  );
}
