'use client';
/**
 * The widget gallery: every widget (from the server listing: id, title, description) with a live
 * preview (a lazy iframe of its embed page, so no widget code loads with the gallery itself) and an
 * embed builder. `/widgets/?build=<id>&<state>` opens that widget's builder in that state (the
 * share panel of each lesson widget links here).
 */
import { useEffect, useState } from 'react';
import type { WidgetListing } from '@/components/widgets/server-list';
import { hasWidget } from '@/components/widgets/registry';
import { EmbedBuilder } from './EmbedBuilder';
import { PreviewFrame } from './PreviewFrame';
import { sitePath } from '@/components/site-base';

export function Gallery({ widgets }: { widgets: readonly WidgetListing[] }) {
  const [open, setOpen] = useState<{ id: string; query: string } | null>(null);
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const id = params.get('build');
    if (!id || !hasWidget(id)) return;
    params.delete('build');
    // The URL is readable only after mount (static page).
    setOpen({ id, query: params.toString() });
    requestAnimationFrame(() => document.getElementById(`w-${id}`)?.scrollIntoView());
  }, []);
  return (
    <ul className="gallery">
      {widgets.map((w) => (
        <Card key={w.id} w={w} open={open?.id === w.id ? open.query : null} onToggle={(on) => setOpen(on ? { id: w.id, query: '' } : null)} />
      ))}
    </ul>
  );
}

function Card({ w, open, onToggle }: { w: WidgetListing; open: string | null; onToggle: (on: boolean) => void }) {
  const panel = `builder-${w.id}`;
  return (
    <li className="gallery-card" id={`w-${w.id}`} data-widget={w.id}>
      <h2 className="gallery-title">{w.title}</h2>
      <p className="gallery-desc">{w.description}</p>
      <p className="gallery-meta muted">
        <code>{w.id}</code> · in a lesson: <code>{`<Widget id="${w.id}" />`}</code> ·{' '}
        <a href={sitePath(`embed/${w.id}/`)} target="_blank" rel="noopener">
          open the embed page
        </a>
      </p>
      <button type="button" className="btn btn-small" aria-expanded={open !== null} aria-controls={panel} onClick={() => onToggle(open === null)}>
        {open === null ? 'Build an embed' : 'Close the builder'}
      </button>
      <div id={panel}>
        {open !== null ? (
          <EmbedBuilder id={w.id} title={w.title} initialQuery={open} />
        ) : (
          <PreviewFrame src={sitePath(`embed/${w.id}/`)} title={`Preview: ${w.title}`} height={(w.minHeight ?? 240) + 120} maxHeight={720} />
        )}
      </div>
    </li>
  );
}
