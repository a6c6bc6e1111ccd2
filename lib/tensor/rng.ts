/**
 * Seeded randomness, so every "random" model, sample and init is reproducible from one integer.
 *
 * mulberry32 (Tommy Ettinger's 32-bit generator): one uint32 of state, period 2^32, good enough
 * for inits and sampling (not for cryptography). Normals use the Box–Muller transform:
 * z = sqrt(-2 ln u1) · cos(2π u2) for u1, u2 uniform in (0, 1].
 *
 * Example: const r = mulberry32(42); r.uniform() → the same number on every machine.
 */

export interface Rng {
  /** Uniform float in [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  let spare: number | null = null;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u1 = 1 - uniform(); // (0, 1]: log is finite
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  };
  return { uniform, normal, int: (n) => Math.floor(uniform() * n) };
}

/** A Float32Array of n draws from N(0, std²). */
export function randn(rng: Rng, n: number, std = 1): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal() * std;
  return out;
}
