/**
 * Context-extension rules as data the UI and the worker share: a rule kind and a factor s become
 * a RoPE scaling block (lib/model/rope.ts computes the frequencies), a config that uses it, and a
 * graph-variant name the model worker understands.
 *
 *   scalingFor('yarn', 4, 256)          → { kind: 'yarn', factor: 4, originalContext: 256 }
 *   scaledVariant('logits', 'ntk', 2)   → 'logits@ntk:2'
 *   parseScaledVariant('logits@ntk:2')  → { base: 'logits', kind: 'ntk', factor: 2 }
 *
 * 'none' (or a factor of 1) leaves the frequencies as trained, so it maps to the plain variant.
 */
import type { RopeConfig, TransformerConfig } from '@/lib/model/config';

export type RuleKind = 'none' | 'pi' | 'ntk' | 'yarn';
export const RULE_KINDS: readonly RuleKind[] = ['none', 'pi', 'ntk', 'yarn'];
export type RopeScaling = NonNullable<RopeConfig['scaling']>;

/** The scaling block of a rule at factor s for a model trained at `originalContext`. */
export function scalingFor(kind: RuleKind, factor: number, originalContext: number): RopeScaling {
  if (!(factor >= 1) || !Number.isFinite(factor)) throw new Error(`scaling factor must be ≥ 1 (got ${factor})`);
  switch (kind) {
    case 'none': return { kind: 'none' };
    case 'pi': return { kind: 'pi', factor };
    case 'ntk': return { kind: 'ntk', factor };
    case 'yarn': return { kind: 'yarn', factor, originalContext };
  }
}

/** A copy of a RoPE model's config with the rule applied (YaRN's L_orig = cfg.contextLength). */
export function withRule(cfg: TransformerConfig, kind: RuleKind, factor: number): TransformerConfig {
  if (cfg.position !== 'rope' || !cfg.rope) throw new Error(`a RoPE scaling rule needs a RoPE model (this one uses "${cfg.position}")`);
  return { ...cfg, rope: { ...cfg.rope, scaling: scalingFor(kind, factor, cfg.contextLength) } };
}

/** The graph variant name of `base` under a rule ('none' or factor 1 → `base` itself). */
export function scaledVariant(base: string, kind: RuleKind, factor: number): string {
  return kind === 'none' || factor === 1 ? base : `${base}@${kind}:${factor}`;
}

/** Inverse of scaledVariant for scaled names; null for a plain variant name or a malformed one. */
export function parseScaledVariant(variant: string): { base: string; kind: RuleKind; factor: number } | null {
  const m = /^([a-z-]+)@(pi|ntk|yarn):(\d+(?:\.\d+)?)$/.exec(variant);
  if (!m) return null;
  const factor = Number(m[3]);
  return factor >= 1 ? { base: m[1], kind: m[2] as RuleKind, factor } : null;
}
