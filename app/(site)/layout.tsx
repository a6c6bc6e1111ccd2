import type { ReactNode } from 'react';
import { SiteFooter, SiteHeader } from '@/components/ui/SiteHeader';
import { ServiceWorker } from '@/components/ui/ServiceWorker';

export default function SiteLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter />
      <ServiceWorker />
    </>
  );
}
