'use client';
/** Rule and factor pickers shared by the rope-spectrum and rope-distance widgets. */
import { useId } from 'react';

export type Rule = 'none' | 'pi' | 'ntk' | 'yarn';
export const RULE_NAMES: Record<Rule, string> = { none: 'No scaling', pi: 'Position Interpolation', ntk: 'NTK-aware', yarn: 'YaRN' };

interface Props {
  rule: Rule;
  factor: number;
  set: (p: { rule?: Rule; factor?: number }) => void;
  hidden: ReadonlySet<string>;
  locked: ReadonlySet<string>;
}

export function RuleControls({ rule, factor, set, hidden, locked }: Props) {
  const id = useId();
  return (
    <div className="controls px-controls">
      {!hidden.has('rule') && (
        <fieldset className="control rs-rules" disabled={locked.has('rule')}>
          <legend>Rule</legend>
          {(Object.keys(RULE_NAMES) as Rule[]).map((r) => (
            <label key={r}><input type="radio" name={`${id}-rule`} value={r} checked={rule === r} onChange={() => set({ rule: r })} /> {RULE_NAMES[r]}</label>
          ))}
        </fieldset>
      )}
      {!hidden.has('factor') && (
        <div className="control px-factor">
          <label htmlFor={`${id}-f`}>Factor s <output htmlFor={`${id}-f`}>{factor}</output></label>
          <input id={`${id}-f`} type="range" min={1} max={8} step={0.5} value={factor} disabled={locked.has('factor') || rule === 'none'}
            onChange={(e) => set({ factor: Number(e.target.value) })} />
        </div>
      )}
    </div>
  );
}
