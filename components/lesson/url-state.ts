/**
 * URL state: small schema builders that parse, clamp and reject query values, and serialize
 * state back so a link reproduces exactly what a student saw.
 *
 *   const schema = defineSchema({ text: str({ default: 'hi', maxLength: 200 }), topk: int({ default: 5, min: 1, max: 50 }) });
 *   schema.parse(new URLSearchParams('topk=900&text=yo'))
 *     → { state: { text: 'yo', topk: 50 }, notes: ['topk: 900 is above the maximum 50; using 50.'] }
 *   schema.serialize({ text: 'yo', topk: 50 }) → 'text=yo&topk=50'
 *
 * Rules: a missing key takes its default (or `base`, a lesson's preset) silently; a bad value
 * takes that same value (or the clamped value) and adds a note; unknown keys add a note unless listed in `reserved`. With a `prefix`
 * (used on lesson pages, where several widgets share one URL) only keys `prefix.key` are read and
 * written. serialize writes every field, so links do not change meaning if defaults change.
 */

export type FieldResult<T> = { value: T; note?: string };

export interface Field<T> {
  readonly default: T;
  /**
   * Parse one raw query value. Always returns a usable value; `note` explains any fix-up.
   * A rejected value becomes `fallback` (the field default unless a lesson preset says otherwise).
   */
  parse(raw: string, key: string, fallback?: T): FieldResult<T>;
  serialize(value: T): string;
}

const reject = <T>(d: T, key: string, why: string): FieldResult<T> => ({
  value: d,
  note: `${key}: ${why}; using ${JSON.stringify(d)} instead.`,
});

const clampNote = (key: string, raw: string, bound: 'minimum' | 'maximum', v: number) =>
  `${key}: ${raw} is ${bound === 'minimum' ? 'below' : 'above'} the ${bound} ${v}; using ${v}.`;

export function int(o: { default: number; min: number; max: number }): Field<number> {
  return {
    default: o.default,
    parse(raw, key, fb = o.default) {
      if (!/^[+-]?\d+$/.test(raw.trim())) return reject(fb, key, `"${raw}" is not a whole number`);
      const n = Number(raw);
      if (n < o.min) return { value: o.min, note: clampNote(key, raw, 'minimum', o.min) };
      if (n > o.max) return { value: o.max, note: clampNote(key, raw, 'maximum', o.max) };
      return { value: n };
    },
    serialize: (v) => String(v),
  };
}

export function float(o: { default: number; min: number; max: number }): Field<number> {
  return {
    default: o.default,
    parse(raw, key, fb = o.default) {
      const t = raw.trim();
      const n = t === '' ? NaN : Number(t);
      if (!Number.isFinite(n)) return reject(fb, key, `"${raw}" is not a finite number`);
      if (n < o.min) return { value: o.min, note: clampNote(key, raw, 'minimum', o.min) };
      if (n > o.max) return { value: o.max, note: clampNote(key, raw, 'maximum', o.max) };
      return { value: n };
    },
    // String(n) is the shortest decimal that reads back as the same double: exact round trip.
    serialize: (v) => String(v),
  };
}

export function enumOf<const V extends string>(values: readonly V[], d: V): Field<V> {
  return {
    default: d,
    parse(raw, key, fb = d) {
      if ((values as readonly string[]).includes(raw)) return { value: raw as V };
      return reject(fb, key, `"${raw}" is not one of ${values.join(', ')}`);
    },
    serialize: (v) => v,
  };
}

export function str(o: { default: string; maxLength: number }): Field<string> {
  return {
    default: o.default,
    parse(raw, key) {
      const cps = Array.from(raw);
      if (cps.length <= o.maxLength) return { value: raw };
      return { value: cps.slice(0, o.maxLength).join(''), note: `${key}: text longer than ${o.maxLength} characters was cut.` };
    },
    serialize: (v) => v,
  };
}

export function bool(d: boolean): Field<boolean> {
  return {
    default: d,
    parse(raw, key, fb = d) {
      if (raw === '1' || raw === 'true') return { value: true };
      if (raw === '0' || raw === 'false') return { value: false };
      return reject(fb, key, `"${raw}" is not 1/0/true/false`);
    },
    serialize: (v) => (v ? '1' : '0'),
  };
}

/** A random seed: an unsigned 32-bit integer (0 … 4294967295). */
export function seed(d: number): Field<number> {
  return int({ default: d, min: 0, max: 0xffffffff });
}

export type Fields = Record<string, Field<unknown>>;
export type StateOf<F extends Fields> = { [K in keyof F]: F[K] extends Field<infer T> ? T : never };

export interface ParseOptions {
  /** Read only `prefix.key` params (lesson pages). */
  prefix?: string;
  /** Keys that belong to someone else (e.g. embed flags `hide`, `lock`): no note for them. */
  reserved?: readonly string[];
}

export interface ParseWithBase<S> extends ParseOptions {
  /** Start from this state instead of the defaults (a lesson's preset for this placement). */
  base?: S;
}

export interface Schema<S> {
  readonly defaults: S;
  readonly keys: readonly (keyof S & string)[];
  parse(params: URLSearchParams, opts?: ParseWithBase<S>): { state: S; notes: string[] };
  serialize(state: S, opts?: { prefix?: string }): string;
}

export function defineSchema<F extends Fields>(fields: F): Schema<StateOf<F>> {
  const keys = Object.keys(fields) as (keyof F & string)[];
  const defaults = Object.fromEntries(keys.map((k) => [k, fields[k].default])) as StateOf<F>;
  return {
    defaults,
    keys,
    parse(params, opts = {}) {
      const pre = opts.prefix ? `${opts.prefix}.` : '';
      const state = { ...(opts.base ?? defaults) } as Record<string, unknown>;
      const notes: string[] = [];
      const seen = new Set<string>();
      for (const [fullKey, raw] of params) {
        if (pre && !fullKey.startsWith(pre)) continue;
        const key = fullKey.slice(pre.length);
        // own keys only: `constructor`, `__proto__`, `toString` are not settings (and have no parse)
        if (!Object.prototype.hasOwnProperty.call(fields, key)) {
          if (!opts.reserved?.includes(key)) notes.push(`${fullKey}: unknown setting, ignored.`);
          continue;
        }
        if (seen.has(key)) {
          notes.push(`${fullKey}: given more than once; using the first value.`);
          continue;
        }
        seen.add(key);
        const r = fields[key].parse(raw, fullKey, state[key]);
        state[key] = r.value;
        if (r.note) notes.push(r.note);
      }
      return { state: state as StateOf<F>, notes };
    },
    serialize(state, opts = {}) {
      const pre = opts.prefix ? `${opts.prefix}.` : '';
      const p = new URLSearchParams();
      for (const k of keys) p.set(pre + k, fields[k].serialize(state[k]));
      return p.toString();
    },
  };
}
