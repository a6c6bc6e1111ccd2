/**
 * Theme: 'system' (default, follows prefers-color-scheme) or a stored choice 'light' | 'dark'.
 * The choice lives in localStorage and on <html data-theme>; CSS reads the attribute.
 * THEME_SCRIPT runs in <head> before first paint so a stored dark theme never flashes light.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_KEY = 'llm-lab-theme';

export const THEME_SCRIPT = `try{var t=localStorage.getItem('${THEME_KEY}');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;

export function nextTheme(t: ThemeChoice): ThemeChoice {
  return t === 'system' ? 'dark' : t === 'dark' ? 'light' : 'system';
}
