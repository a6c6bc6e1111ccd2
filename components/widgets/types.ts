/**
 * The widget contract (see components/widgets/README.md).
 * A widget is a pure function of `state`; it asks for changes with `setState(patch)` and must
 * not render (or must render disabled) any control named in `hidden` / `locked`.
 */
import type { ComponentType } from 'react';
import type { Schema } from '@/components/lesson/url-state';

export interface WidgetProps<S> {
  state: S;
  /** Merge a patch into the state (the frame syncs it to the URL). */
  setState: (patch: Partial<S>) => void;
  /** Control names the page asked to hide (`?hide=a,b`). Do not render these. */
  hidden: ReadonlySet<string>;
  /** Control names the page asked to lock (`?lock=a`). Render them disabled/read-only. */
  locked: ReadonlySet<string>;
}

export interface WidgetDef<S = Record<string, unknown>> {
  /** URL-safe id: folder name, embed path /embed/<id>/, lesson tag <Widget id="…" />. */
  id: string;
  title: string;
  /** One line, shown on the embed page and in the widget list. */
  description: string;
  schema: Schema<S>;
  /** Names `hide` / `lock` may use (usually the state keys a control edits). */
  controls: readonly string[];
  /**
   * `React.lazy(() => import('./X'))` so its code stays out of first-load JS. The frame mounts it
   * only in the browser (never prerendered), so it may touch window/WebGPU freely.
   */
  Component: ComponentType<WidgetProps<S>>;
  /** Reserved height in px while the component loads (avoids layout shift). Default 240. */
  minHeight?: number;
}

/** Erase the state type so defs of different widgets fit in one array. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyWidgetDef = WidgetDef<any>;

export function defineWidget<S>(def: WidgetDef<S>): WidgetDef<S> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(def.id)) throw new Error(`widget id must be kebab-case: ${def.id}`);
  return def;
}
