/**
 * The embed builder's URL: a widget's state query plus its classroom flags, and the way back.
 *
 *   embedQuery('text=hi&base=hex', { hide: ['base'], lock: ['text'], theme: 'dark', frame: 'q1' })
 *     → 'text=hi&base=hex&hide=base&lock=text&theme=dark&frame=q1'
 *   readEmbedQuery(that, schema, controls)
 *     → { state: { text: 'hi', base: 'hex' }, hide: ['base'], lock: ['text'], theme: 'dark', frame: 'q1', notes: [] }
 *
 * Flags are written only when set (an empty hide list writes nothing), names joined by plain
 * commas as the embed page reads them (components/lesson/embed-flags.ts), in `controls` order.
 */
import { FLAG_KEYS, parseFlags } from '@/components/lesson/embed-flags';
import type { Schema } from '@/components/lesson/url-state';

export type Theme = 'light' | 'dark' | null;

export interface EmbedFlagsInput {
  hide: readonly string[];
  lock: readonly string[];
  theme: Theme;
  /** Name echoed in height messages; '' = none. At most 64 characters are kept by the embed page. */
  frame: string;
}

export interface ReadBack<S> extends EmbedFlagsInput {
  state: S;
  notes: string[];
}

export function embedQuery(stateQuery: string, f: EmbedFlagsInput): string {
  const parts = stateQuery ? [stateQuery] : [];
  const list = (names: readonly string[]) => names.map(encodeURIComponent).join(',');
  if (f.hide.length) parts.push(`hide=${list(f.hide)}`);
  if (f.lock.length) parts.push(`lock=${list(f.lock)}`);
  if (f.theme) parts.push(`theme=${f.theme}`);
  const frame = f.frame.slice(0, 64);
  if (frame) parts.push(`frame=${encodeURIComponent(frame)}`);
  return parts.join('&');
}

/** Parse an embed query back into the builder's inputs (state through the schema, flags as the embed page reads them). */
export function readEmbedQuery<S>(query: string, schema: Schema<S>, controls: readonly string[]): ReadBack<S> {
  const params = new URLSearchParams(query);
  const { state, notes } = schema.parse(params, { reserved: FLAG_KEYS });
  const flags = parseFlags(params, controls);
  const ordered = (set: ReadonlySet<string>) => controls.filter((c) => set.has(c));
  return { state, hide: ordered(flags.hidden), lock: ordered(flags.locked), theme: flags.theme, frame: flags.frame ?? '', notes: [...notes, ...flags.notes] };
}

/** Each state key's value as the URL writes it: the builder's text fields start from these. */
export function fieldStrings<S>(schema: Schema<S>, state: S): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(schema.serialize(state)));
}

/** The builder's field strings → a query the schema parses (missing keys take their defaults). */
export function fieldsQuery(fields: Readonly<Record<string, string>>, keys: readonly string[]): string {
  const p = new URLSearchParams();
  for (const k of keys) if (Object.prototype.hasOwnProperty.call(fields, k)) p.set(k, fields[k]);
  return p.toString();
}
