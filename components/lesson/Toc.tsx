'use client';
/**
 * The lesson's table of contents ("On this page"), with the section in view highlighted
 * (aria-current="true"): an IntersectionObserver wakes up whenever a heading crosses the top 30%
 * of the viewport, and activeHeading() picks the last heading above that line. The highlight only
 * animates without prefers-reduced-motion (lesson.css).
 */
import { useEffect, useState } from 'react';
import type { Heading } from '@/lib/text/slug';
import { activeHeading } from './active-heading';

/** The reading line, as a fraction of the viewport height from its top. */
const LINE = 0.3;

export function Toc({ headings }: { headings: Heading[] }) {
  const [active, setActive] = useState<string | null>(null);
  const ids = headings.map((h) => h.id).join('\n');
  useEffect(() => {
    const els = ids.split('\n').map((id) => document.getElementById(id)).filter((e): e is HTMLElement => e !== null);
    if (els.length === 0 || typeof IntersectionObserver === 'undefined') return;
    const update = () => setActive(activeHeading(els.map((e) => ({ id: e.id, top: e.getBoundingClientRect().top })), window.innerHeight * LINE));
    const io = new IntersectionObserver(update, { rootMargin: `0px 0px -${100 - LINE * 100}% 0px` });
    for (const e of els) io.observe(e);
    update();
    return () => io.disconnect();
  }, [ids]);
  return (
    <nav className="toc" aria-label="On this page">
      <p className="toc-title">On this page</p>
      <ul>
        {headings.map((h) => (
          <li key={h.id} className={[h.depth === 3 ? 'toc-sub' : '', h.id === active ? 'toc-active' : ''].join(' ').trim() || undefined}>
            <a href={`#${h.id}`} aria-current={h.id === active ? 'true' : undefined} onClick={() => setActive(h.id)}>
              {h.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
