import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { listWidgets } from '@/components/widgets/server-list';
import { EmbedFrame } from '@/components/widgets/EmbedFrame';

type Params = { params: Promise<{ widget: string }> };

export const dynamicParams = false;

// From the widget folders, not registry.ts: see components/widgets/server-list.ts for why.
export function generateStaticParams() {
  return listWidgets().map((w) => ({ widget: w.id }));
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { widget } = await params;
  const w = listWidgets().find((x) => x.id === widget);
  // Embeds are parts of other pages: keep them out of search results.
  return w ? { title: w.title, description: w.description, robots: { index: false } } : {};
}

export default async function EmbedPage({ params }: Params) {
  const { widget } = await params;
  const listing = listWidgets().find((w) => w.id === widget);
  if (!listing) notFound();
  return (
    <main id="main" className="embed-main">
      <EmbedFrame id={widget} title={listing.title} minHeight={listing.minHeight} />
    </main>
  );
}
