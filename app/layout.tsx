import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { THEME_SCRIPT } from '@/components/ui/theme';
import '@/components/ui/styles/base.css';
import '@/components/ui/styles/widgets.css';

export const metadata: Metadata = {
  title: { default: 'LLM Lab', template: '%s · LLM Lab' },
  description: 'Learn how language models work by poking small, real models live in your browser.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
