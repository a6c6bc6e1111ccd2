import type { Metadata } from 'next';
import { listWidgets } from '@/components/widgets/server-list';
import { Gallery } from '@/components/gallery/Gallery';
import '@/components/gallery/gallery.css';

export const metadata: Metadata = {
  title: 'Widget gallery',
  description: 'Every interactive widget of the lab, with a live preview and an embed builder for your own course pages.',
};

// From the widget folders, not registry.ts (see components/widgets/server-list.ts): the previews
// are iframes of the embed pages, so the gallery ships no widget code of its own.
export default function WidgetsPage() {
  const widgets = listWidgets();
  return (
    <div className="page">
      <h1>Widget gallery</h1>
      <p className="lead">
        Every widget of the lab ({widgets.length}), live. Put one in your own course page: open its builder, choose the
        state it starts in, which controls to hide or lock, the theme and the size, then copy the link or the iframe
        snippet. Each widget keeps its state in the URL, so the embed opens exactly as configured.
      </p>
      <Gallery widgets={widgets} />
    </div>
  );
}
