/**
 * Pure helpers shared by the embed-* widgets: how a token is written on screen, linear axes in
 * scale-common's Axes shape, and number formats.
 *
 *   tokenLabel(" the") → "·the"   (a leading space is shown as ·, as in the token viewer)
 *   linearAxes({ width: 300, margin 40/10, xDomain: [0, 8] }) maps 0 ↦ 40 and 8 ↦ 290
 */
import { scaleLinear } from 'd3';
import type { Axes, Margin } from '../scale-common/chart';

export const tokenLabel = (s: string): string => s.replace(/ /g, '·').replace(/\n/g, '↵');

export const fmtCos = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '—');
export const fmtPct = (x: number): string => `${(100 * x).toFixed(1)}%`;

export function linearAxes(o: {
  width: number; height: number; margin: Margin; xDomain: [number, number]; yDomain: [number, number];
  xFormat?: (v: number) => string; yFormat?: (v: number) => string; xTicks?: readonly number[];
}): Axes {
  const m = o.margin;
  const plot = { x: m.left, y: m.top, width: Math.max(10, o.width - m.left - m.right), height: Math.max(10, o.height - m.top - m.bottom) };
  const xs = scaleLinear().domain(o.xDomain).range([plot.x, plot.x + plot.width]);
  const ys = scaleLinear().domain(o.yDomain).range([plot.y + plot.height, plot.y]);
  const xf = o.xFormat ?? ((v: number) => String(v));
  const yf = o.yFormat ?? ((v: number) => String(v));
  const xt = o.xTicks ?? xs.ticks(plot.width < 260 ? 4 : 6);
  return {
    width: o.width, height: o.height, plot, x: (v) => xs(v), y: (v) => ys(v),
    xTicks: xt.map((v) => ({ value: v, pos: xs(v), label: xf(v) })),
    yTicks: ys.ticks(5).map((v) => ({ value: v, pos: ys(v), label: yf(v) })),
  };
}
