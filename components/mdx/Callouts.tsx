/** Lesson furniture: the boxed asides a lesson may use (registered in mdx-components.tsx). */
import type { ReactNode } from 'react';

type Props = { children?: ReactNode; title?: string };

export function Intro({ children }: Props) {
  return <div className="callout intro">{children}</div>;
}

export function YouWillLearn({ children }: Props) {
  return (
    <aside className="callout learn" aria-label="You will learn">
      <p className="callout-title">You will learn</p>
      {children}
    </aside>
  );
}

export function Pitfall({ children, title = 'Pitfall' }: Props) {
  return (
    <aside className="callout pitfall" aria-label={title}>
      <p className="callout-title">⚠ {title}</p>
      {children}
    </aside>
  );
}

export function DeepDive({ children, title = 'Deep dive' }: Props) {
  return (
    <details className="callout deepdive">
      <summary>
        <span className="callout-kicker">Deep dive</span> {title}
      </summary>
      <div className="details-body">{children}</div>
    </details>
  );
}

export function Recap({ children }: Props) {
  return (
    <aside className="callout recap" aria-label="Recap">
      <p className="callout-title">Recap</p>
      {children}
    </aside>
  );
}

export function Challenge({ children, title = 'Challenge' }: Props) {
  return (
    <section className="callout challenge" aria-label={title}>
      <p className="callout-title">🧩 {title}</p>
      {children}
    </section>
  );
}

export function Hint({ children }: Props) {
  return (
    <details className="hint">
      <summary>Hint</summary>
      <div className="details-body">{children}</div>
    </details>
  );
}

export function Solution({ children }: Props) {
  return (
    <details className="hint solution">
      <summary>Solution</summary>
      <div className="details-body">{children}</div>
    </details>
  );
}
