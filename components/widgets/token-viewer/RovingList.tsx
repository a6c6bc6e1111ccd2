'use client';
/**
 * A list of small items with one tab stop (roving tabindex): Tab enters the list, arrow keys /
 * Home / End move, and hovering or focusing an item makes it the active one. Used for the token
 * strip and the id list, which highlight each other through `active`.
 */
import { Fragment, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface RovingItem {
  key: string | number;
  content: ReactNode;
  label: string;
  className?: string;
  /** Put a line break after this item. */
  breakAfter?: boolean;
}

export function RovingList({ items, active, onActive, onPick, label, className }: {
  items: readonly RovingItem[];
  active: number | null;
  onActive: (i: number | null) => void;
  /** Click, Enter or Space on an item. */
  onPick?: (i: number) => void;
  label: string;
  className?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const focusAt = (i: number) => {
    const j = Math.max(0, Math.min(items.length - 1, i));
    (ref.current?.querySelectorAll<HTMLElement>('[role="listitem"]')[j])?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const cur = active ?? 0;
    const moves: Record<string, number> = { ArrowRight: cur + 1, ArrowDown: cur + 1, ArrowLeft: cur - 1, ArrowUp: cur - 1, Home: 0, End: items.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      focusAt(moves[e.key]);
    } else if (e.key === 'Escape') onActive(null);
    else if (onPick && active !== null && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      onPick(active);
    }
  };
  const tabStop = active !== null && active < items.length ? active : 0;
  return (
    <div ref={ref} role="list" aria-label={label} className={className} onKeyDown={onKey} onMouseLeave={() => onActive(null)}>
      {items.map((it, i) => (
        <Fragment key={it.key}>
          <span
            role="listitem"
            tabIndex={i === tabStop ? 0 : -1}
            aria-label={it.label}
            aria-current={i === active ? 'true' : undefined}
            className={`${it.className ?? ''}${i === active ? ' is-active' : ''}`}
            onMouseEnter={() => onActive(i)}
            onFocus={() => onActive(i)}
            onClick={onPick ? () => onPick(i) : undefined}
          >
            {it.content}
          </span>
          {it.breakAfter && <br />}
        </Fragment>
      ))}
    </div>
  );
}
