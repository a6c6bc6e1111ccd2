// Shared comparison for parity tests.
import { expect } from 'vitest';
import { relErr } from './rel-err';

/** relErr (./rel-err.ts), asserting the lengths match first so a mismatch names itself. */
export function maxErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  return relErr(a, b);
}
