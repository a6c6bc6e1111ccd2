import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getWidget, widgets } from '@/components/widgets/registry';
import { EmbedFrame } from '@/components/widgets/EmbedFrame';

type Params = { params: Promise<{ widget: string }> };

export const dynamicParams = false;

export function generateStaticParams() {
  return widgets.map((w) => ({ widget: w.id }));
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const def = getWidget((await params).widget);
  // Embeds are parts of other pages: keep them out of search results.
  return def ? { title: def.title, description: def.description, robots: { index: false } } : {};
}

export default async function EmbedPage({ params }: Params) {
  const { widget } = await params;
  if (!getWidget(widget)) notFound();
  return (
    <main id="main" className="embed-main">
      <EmbedFrame id={widget} />
    </main>
  );
}
