// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendNote, BackendSlot } from '@/components/ui/BackendSlot';
import { setBackendStatus } from '@/components/ui/backend-status';

afterEach(() => {
  cleanup();
  setBackendStatus(null);
});

describe('BackendNote', () => {
  it('shows nothing until the runtime reports a fallback note, then the note as a status line', () => {
    render(<><BackendSlot /><BackendNote /></>);
    expect(screen.queryByRole('status')).toBeNull();
    act(() => setBackendStatus({ backend: 'webgpu', reason: 'WebGPU chosen' }));
    expect(screen.queryByRole('status')).toBeNull();
    act(() => setBackendStatus({ backend: 'wasm', reason: 'lost', note: 'WebGPU stopped working (lost); switched to WASM for this page' }));
    expect(screen.getByRole('status')).toHaveTextContent('switched to WASM for this page');
    expect(document.querySelector('.badge')?.getAttribute('data-backend')).toBe('wasm');
  });
});
