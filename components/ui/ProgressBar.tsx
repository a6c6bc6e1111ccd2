/**
 * Download progress: "Model weights — 1.2 MB of 3.4 MB (35%)". total ≤ 0 means unknown size:
 * the bar is indeterminate and only the loaded amount is shown.
 */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

export function ProgressBar({ loaded, total, label }: { loaded: number; total: number; label: string }) {
  const known = total > 0;
  const pct = known ? Math.max(0, Math.min(100, Math.round((loaded / total) * 100))) : undefined;
  const text = known ? `${formatBytes(loaded)} of ${formatBytes(total)} (${pct}%)` : `${formatBytes(loaded)} loaded`;
  return (
    <div className="progress">
      <div className="progress-label">
        <span>{label}</span>
        <span>{text}</span>
      </div>
      <div
        className={`progress-track${known ? '' : ' progress-indeterminate'}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={text}
      >
        <div className="progress-fill" style={{ width: known ? `${pct}%` : undefined }} />
      </div>
    </div>
  );
}
