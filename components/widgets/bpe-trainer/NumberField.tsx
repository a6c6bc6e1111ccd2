'use client';
/**
 * A whole-number input that lets the student type freely: the state changes only when the text
 * is a number within [min, max]; leaving the field (or Enter) puts back the last good value.
 */
import { useState } from 'react';

export function NumberField({ id, value, min, max, onValue, readOnly }: {
  id: string;
  value: number;
  min: number;
  max: number;
  onValue: (v: number) => void;
  readOnly?: boolean;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => setDraft(null);
  return (
    <input
      id={id}
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      value={draft ?? String(value)}
      readOnly={readOnly}
      aria-invalid={draft !== null && String(value) !== draft ? true : undefined}
      onChange={(e) => {
        const t = e.target.value;
        setDraft(t);
        const v = Number(t);
        if (t.trim() !== '' && Number.isInteger(v) && v >= min && v <= max && v !== value) onValue(v);
      }}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}
