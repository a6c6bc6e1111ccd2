/**
 * Least-squares fits of scaling curves, small enough to run in the page.
 *
 *   linearFit(x, y)          ordinary least squares y ≈ c + m·x: slope, intercept, R²
 *   fitPowerLaw(x, y)        y ≈ a · x^(−α): a straight line in log–log (OLS on ln y vs ln x)
 *   fitPowerLawFloor(x, y)   y ≈ E + A · x^(−α), least squares in y itself. For a fixed α the model
 *                            is linear in (E, A), so each α has a closed-form best (E, A) ("variable
 *                            projection"); α is scanned on a log grid, then refined by golden-section
 *                            search around the best grid point. E is kept ≥ 0 (a negative loss floor
 *                            means nothing): when the unconstrained E is negative, E = 0 and A is
 *                            refit alone.
 *
 * Worked example: x = [1, 2, 4], y = [3, 5, 9] → linearFit: m = 2, c = 1, R² = 1.
 * x = [1, 10, 100], y = [8, 0.8, 0.08] → fitPowerLaw: a = 8, α = 1.
 */

export interface LinearFit {
  slope: number;
  intercept: number;
  r2: number;
}

export function linearFit(x: readonly number[], y: readonly number[]): LinearFit {
  const n = x.length;
  if (n < 2 || y.length !== n) throw new Error('linearFit needs at least two (x, y) pairs of equal length');
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0) throw new Error('linearFit: all x are equal');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { slope, intercept, r2 };
}

export interface PowerLaw {
  /** y ≈ a · x^(−alpha) */
  a: number;
  alpha: number;
  /** R² of the straight line in log–log. */
  r2: number;
}

export function fitPowerLaw(x: readonly number[], y: readonly number[]): PowerLaw {
  const f = linearFit(x.map(Math.log), y.map(Math.log));
  return { a: Math.exp(f.intercept), alpha: -f.slope, r2: f.r2 };
}

export interface PowerLawFloor {
  /** y ≈ E + A · x^(−alpha) */
  E: number;
  A: number;
  alpha: number;
  /** Root-mean-square residual in y. */
  rmse: number;
}

/** Best (E, A) for a fixed α, E ≥ 0, and the sum of squared residuals. */
function solveEA(x: readonly number[], y: readonly number[], alpha: number): { E: number; A: number; sse: number } {
  const n = x.length;
  const f = x.map((v) => v ** -alpha);
  const mf = f.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sff = 0;
  let sfy = 0;
  for (let i = 0; i < n; i++) {
    sff += (f[i] - mf) ** 2;
    sfy += (f[i] - mf) * (y[i] - my);
  }
  let A = sff > 0 ? sfy / sff : 0;
  let E = my - A * mf;
  if (E < 0) {
    // y ≈ A f through the origin
    E = 0;
    A = f.reduce((s, v, i) => s + v * y[i], 0) / f.reduce((s, v) => s + v * v, 0);
  }
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i] - E - A * f[i]) ** 2;
  return { E, A, sse };
}

export function fitPowerLawFloor(x: readonly number[], y: readonly number[], o: { alphaMin?: number; alphaMax?: number; grid?: number } = {}): PowerLawFloor {
  if (x.length < 3 || y.length !== x.length) throw new Error('fitPowerLawFloor needs at least three points');
  const lo = Math.log(o.alphaMin ?? 1e-3);
  const hi = Math.log(o.alphaMax ?? 3);
  const grid = o.grid ?? 400;
  let best = 0;
  let bestSse = Infinity;
  const alphas: number[] = [];
  for (let i = 0; i <= grid; i++) {
    const alpha = Math.exp(lo + ((hi - lo) * i) / grid);
    alphas.push(alpha);
    const { sse } = solveEA(x, y, alpha);
    if (sse < bestSse) {
      bestSse = sse;
      best = i;
    }
  }
  // golden-section refinement in ln α between the neighbours of the best grid point
  let a = Math.log(alphas[Math.max(0, best - 1)]);
  let b = Math.log(alphas[Math.min(grid, best + 1)]);
  const g = (Math.sqrt(5) - 1) / 2;
  const sseAt = (la: number) => solveEA(x, y, Math.exp(la)).sse;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = sseAt(c);
  let fd = sseAt(d);
  for (let it = 0; it < 80; it++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = sseAt(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = sseAt(d);
    }
  }
  const alpha = Math.exp((a + b) / 2);
  const { E, A, sse } = solveEA(x, y, alpha);
  return { E, A, alpha, rmse: Math.sqrt(sse / x.length) };
}
