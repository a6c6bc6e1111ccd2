/**
 * Classroom flags of an embed URL: `?hide=temperature,topk&lock=text`.
 * parseFlags(params, ['text', 'topk']) → { hidden, locked, notes } where names a widget does not
 * know are dropped with a note (so a teacher sees a typo instead of a silently ignored flag).
 */
export const FLAG_KEYS = ['hide', 'lock', 'frame', 'theme'] as const;

export interface EmbedFlags {
  hidden: Set<string>;
  locked: Set<string>;
  /** Echoed in height messages so a parent page can tell its iframes apart. */
  frame: string | null;
  theme: 'light' | 'dark' | null;
  notes: string[];
}

export function parseFlags(params: URLSearchParams, controls: readonly string[]): EmbedFlags {
  const notes: string[] = [];
  const names = (key: 'hide' | 'lock') => {
    const set = new Set<string>();
    for (const raw of params.getAll(key).flatMap((v) => v.split(','))) {
      const name = raw.trim();
      if (!name) continue;
      if (controls.includes(name)) set.add(name);
      else notes.push(`${key}: "${name}" is not a control of this widget (known: ${controls.join(', ') || 'none'}).`);
    }
    return set;
  };
  const themeRaw = params.get('theme');
  let theme: EmbedFlags['theme'] = null;
  if (themeRaw === 'light' || themeRaw === 'dark') theme = themeRaw;
  else if (themeRaw !== null) notes.push(`theme: "${themeRaw}" is not light or dark; following the system setting.`);
  const frame = params.get('frame');
  return { hidden: names('hide'), locked: names('lock'), frame: frame ? frame.slice(0, 64) : null, theme, notes };
}
