'use client';
/** A horizontally / vertically scrollable box that keyboard users can reach (focusable region with a name). */
import type { ReactNode } from 'react';

export function ScrollBox({ label, className = 'dw-table-wrap', children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
