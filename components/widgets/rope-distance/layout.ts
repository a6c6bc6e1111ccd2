/** The q·k-by-distance figure: lib/longctx/rope-geometry.ts's qkByDistance for lm's RoPE, as trained and under a rule. */
import type { LineSeries } from '@/components/viz/line-chart';
import { ropeFrequencies } from '@/lib/model/rope';
import { qkByDistance } from '@/lib/longctx/rope-geometry';
import { HS, ropeOf } from '../rope-spectrum/layout';
import { RULE_NAMES, type Rule } from '../rope-spectrum/RuleControls';

const COLOR: Record<Rule, number> = { none: 0, pi: 1, ntk: 2, yarn: 3 };

export function distanceView(rule: Rule, factor: number, maxDistance: number): { base: Float64Array; scaled: Float64Array; series: LineSeries[] } {
  const f0 = ropeFrequencies(HS, ropeOf('none', 1));
  const f1 = ropeFrequencies(HS, ropeOf(rule, factor));
  const base = qkByDistance(f0.invFreq, f0.attentionScale, maxDistance);
  const scaled = qkByDistance(f1.invFreq, f1.attentionScale, maxDistance);
  const pts = (c: Float64Array) => Array.from(c, (y, x) => ({ x, y }));
  const series: LineSeries[] = [{ id: 'base', label: 'as trained', color: 0, points: pts(base) }];
  if (rule !== 'none') series.push({ id: 'scaled', label: `${RULE_NAMES[rule]}, s = ${factor}`, color: COLOR[rule], points: pts(scaled) });
  return { base, scaled, series };
}
