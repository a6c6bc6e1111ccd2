'use client';
/** Cycles system → dark → light → system; the label says the current choice. */
import { useEffect, useState } from 'react';
import { nextTheme, THEME_KEY, type ThemeChoice } from './theme';

const LABEL: Record<ThemeChoice, string> = { system: 'Theme: system', dark: 'Theme: dark', light: 'Theme: light' };
const ICON: Record<ThemeChoice, string> = { system: '◐', dark: '☾', light: '☀' };

export function ThemeToggle() {
  const [theme, setTheme] = useState<ThemeChoice>('system');
  useEffect(() => {
    const t = document.documentElement.dataset.theme;
    // The stored choice is only readable in the browser.
    if (t === 'light' || t === 'dark') setTheme(t);
  }, []);
  const cycle = () => {
    const t = nextTheme(theme);
    setTheme(t);
    try {
      if (t === 'system') localStorage.removeItem(THEME_KEY);
      else localStorage.setItem(THEME_KEY, t);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    if (t === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = t;
  };
  return (
    <button type="button" className="btn btn-ghost" onClick={cycle} aria-label={`${LABEL[theme]} (click to change)`} title={LABEL[theme]}>
      <span aria-hidden="true">{ICON[theme]}</span>
      <span className="hide-narrow"> {theme}</span>
    </button>
  );
}
