'use client';
/**
 * One widget alone, for /embed/<id>/ inside an iframe. Reads bare state keys from the URL plus
 * classroom flags (hide, lock, theme, frame) and reports its height to the parent page:
 *
 *   window.parent.postMessage({ type: 'llm-lab:height', widget: '<id>', frame: '<frame param or null>',
 *                               height: <CSS px, integer> }, '*')
 *
 * sent on load and whenever the page's content height changes (see watchHeight: a ResizeObserver alone
 * misses changes while the iframe is scrolled out of view on another origin's page).
 * See public/embed-example.html for a parent page that resizes its iframes from these messages.
 */
import { Suspense, useEffect, useMemo, useState } from 'react';
import { useWidgetDef } from './useWidgetDef';
import { useWidgetState } from '@/components/lesson/useWidgetState';
import { FLAG_KEYS, parseFlags, type EmbedFlags } from '@/components/lesson/embed-flags';
import { UrlNotes } from './UrlNotes';
import { BackendNote } from '@/components/ui/BackendSlot';
import { watchHeight } from './watch-height';
import { WidgetLoading } from './WidgetFrame';
import type { AnyWidgetDef } from './types';
import { SITE_BASE } from '@/components/site-base';

export const HEIGHT_MESSAGE = 'llm-lab:height';

export function EmbedFrame({ id, title, minHeight }: { id: string; title?: string; minHeight?: number }) {
  const def = useWidgetDef(id);
  if (def === null) return <p className="url-notes">Unknown widget “{id}”.</p>;
  if (def === undefined)
    return (
      <div className="embed-root" data-widget={id}>
        <h1 className="embed-title">{title ?? id}</h1>
        <div className="widget-body">
          <WidgetLoading minHeight={minHeight} />
        </div>
      </div>
    );
  return <Embed def={def} />;
}

function Embed({ def }: { def: AnyWidgetDef }) {
  const { state, setState, notes, ready } = useWidgetState(def.schema, { reserved: FLAG_KEYS });
  const [flags, setFlags] = useState<EmbedFlags | null>(null);

  useEffect(() => {
    const f = parseFlags(new URLSearchParams(window.location.search), def.controls);
    if (f.theme) document.documentElement.dataset.theme = f.theme;
    // URL is readable only after mount.
    setFlags(f);
  }, [def]);

  useEffect(() => {
    if (window.parent === window) return;
    return watchHeight(document.body, (height) =>
      window.parent.postMessage({ type: HEIGHT_MESSAGE, widget: def.id, frame: flags?.frame ?? null, height }, '*'),
    );
  }, [def, flags]);

  const allNotes = useMemo(() => [...notes, ...(flags?.notes ?? [])], [notes, flags]);
  const Component = def.Component;
  return (
    <div className="embed-root" data-widget={def.id}>
      <h1 className="embed-title">{def.title}</h1>
      <UrlNotes notes={allNotes} />
      <BackendNote />
      <div className="widget-body">
        {ready && flags ? (
          <Suspense fallback={<WidgetLoading minHeight={def.minHeight} />}>
            <Component state={state} setState={setState} hidden={flags.hidden} locked={flags.locked} />
          </Suspense>
        ) : (
          <WidgetLoading minHeight={def.minHeight} />
        )}
      </div>
      <p className="embed-foot">
        <a href={SITE_BASE} target="_blank" rel="noopener">
          LLM Lab
        </a>{' '}
        · {def.description}
      </p>
    </div>
  );
}
