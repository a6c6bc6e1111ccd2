/**
 * The rope-rotation figure: one pair j of lm's heads (hs = 32, base 10000), a fixed query pair
 * q = (1, 0.4) at position m and key pair k = (0.8, −0.6) at position n, each turned by its
 * position times θ_j (lib/longctx/rope-geometry.ts). Their dot product is |q||k|cos(φ + (m−n)θ_j),
 * φ the angle between the unrotated pairs, so it depends on m − n only.
 */
import { baseInvFreq } from '@/lib/model/rope';
import { rotate2 } from '@/lib/longctx/rope-geometry';

export const HS = 32;
export const BASE = 10000;
export const Q0: [number, number] = [1, 0.4];
export const K0: [number, number] = [0.8, -0.6];

export interface PairView {
  theta: number;
  /** Tokens per full turn of this pair. */
  wavelength: number;
  q: [number, number];
  k: [number, number];
  angleQ: number;
  angleK: number;
  dot: number;
  /** The same dot product with both positions moved to (m − n, 0). */
  dotShifted: number;
}

const dot2 = (a: [number, number], b: [number, number]) => a[0] * b[0] + a[1] * b[1];

export function pairView(m: number, n: number, j: number): PairView {
  const theta = baseInvFreq(HS, BASE)[j];
  const q = rotate2(Q0[0], Q0[1], m * theta);
  const k = rotate2(K0[0], K0[1], n * theta);
  const qs = rotate2(Q0[0], Q0[1], (m - n) * theta);
  return { theta, wavelength: (2 * Math.PI) / theta, q, k, angleQ: m * theta, angleK: n * theta, dot: dot2(q, k), dotShifted: dot2(qs, K0) };
}

/** Angle reduced to (−π, π] in degrees, for display. */
export function degrees(rad: number): number {
  const r = Math.atan2(Math.sin(rad), Math.cos(rad));
  return (r * 180) / Math.PI;
}
