/**
 * Pure geometry for the mask picture: one SVG path of unit squares for the visible cells, merged
 * into horizontal runs per row, drawn in a T×T viewBox (row = query i, column = key j).
 *
 *   runsPath(['1.', '11']) → 'M0 0h1v1h-1zM0 1h2v1h-2z'
 */
export function runsPath(rows: readonly string[]): string {
  let d = '';
  rows.forEach((row, i) => {
    let j = 0;
    while (j < row.length) {
      if (row[j] !== '1') {
        j++;
        continue;
      }
      const start = j;
      while (j < row.length && row[j] === '1') j++;
      d += `M${start} ${i}h${j - start}v1h-${j - start}z`;
    }
  });
  return d;
}

/** Path of the causal cells the pattern hides (j ≤ i but not visible), for a faint second layer. */
export function hiddenPath(rows: readonly string[]): string {
  return runsPath(rows.map((row, i) => Array.from(row, (c, j) => (j <= i && c !== '1' ? '1' : '.')).join('')));
}

/** Signed nats with 3 decimals ("+0.110", "−0.002"). */
export function signed(x: number): string {
  const s = Math.abs(x).toFixed(3);
  return x > 0 ? `+${s}` : x < 0 && s !== '0.000' ? `−${s}` : s;
}
