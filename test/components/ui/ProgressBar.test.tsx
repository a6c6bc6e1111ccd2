// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { formatBytes, ProgressBar } from '@/components/ui/ProgressBar';
import { BackendBadge } from '@/components/ui/BackendBadge';

afterEach(cleanup);

describe('<ProgressBar />', () => {
  it('reports loaded / total as a percentage to assistive tech', () => {
    render(<ProgressBar loaded={512 * 1024} total={2 * 1024 * 1024} label="Model weights" />);
    const bar = screen.getByRole('progressbar', { name: 'Model weights' });
    expect(bar).toHaveAttribute('aria-valuenow', '25');
    expect(bar).toHaveAttribute('aria-valuetext', '512.0 KB of 2.0 MB (25%)');
  });

  it('is indeterminate (no aria-valuenow) when the total is unknown', () => {
    render(<ProgressBar loaded={100} total={0} label="Tokenizer" />);
    expect(screen.getByRole('progressbar')).not.toHaveAttribute('aria-valuenow');
    expect(screen.getByText('100 B loaded')).toBeInTheDocument();
  });

  it('clamps a loaded count above the total to 100%', () => {
    render(<ProgressBar loaded={300} total={200} label="x" />);
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  });

  it('formats byte counts in B, KB and MB', () => {
    expect([formatBytes(1023), formatBytes(1536), formatBytes(3 * 1024 * 1024)]).toEqual(['1023 B', '1.5 KB', '3.0 MB']);
  });
});

describe('<BackendBadge />', () => {
  it('names the backend and carries the fallback reason', () => {
    render(<BackendBadge backend="wasm" reason="WebGPU adapter not available" />);
    const badge = screen.getByText('WASM (CPU)').closest('[data-backend]')!;
    expect(badge).toHaveAttribute('data-backend', 'wasm');
    expect(badge).toHaveAttribute('title', 'WebGPU adapter not available');
    expect(badge).toHaveTextContent('WebGPU adapter not available');
  });
});
