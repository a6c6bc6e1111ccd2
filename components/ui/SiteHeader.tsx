/** Site header: skip link, home, lessons, about the models, the widget gallery, backend badge slot, theme toggle. */
import Link from 'next/link';
import { BackendNote, BackendSlot } from './BackendSlot';
import { ThemeToggle } from './ThemeToggle';
import { sitePath } from '@/components/site-base';

export function SiteHeader() {
  return (
    <>
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="site-nav" aria-label="Site">
        <Link href="/" className="brand">
          LLM Lab
        </Link>
        <Link href="/">Lessons</Link>
        <Link href="/about-models/">Models</Link>
        <Link href="/widgets/">Widgets</Link>
      </nav>
      <div className="site-tools">
        <BackendSlot />
        <ThemeToggle />
      </div>
    </header>
    <BackendNote />
    </>
  );
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <p>
        LLM Lab — small models that run in your browser. Every widget keeps its settings in the URL: share a link, and
        others see exactly what you saw.
      </p>
      <p>
        <Link href="/lab/runtime/">Check the runtime in your browser</Link> ·{' '}
        <Link href="/lab/runtime-bench/">Benchmark WebGPU vs WASM</Link> ·{' '}
        <a href={sitePath('embed-example.html')}>Embedding example</a>
      </p>
    </footer>
  );
}
