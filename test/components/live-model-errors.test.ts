import { describe, expect, it } from 'vitest';
import { friendlyError } from '@/components/lesson/live-model';
import { stalledMessage } from '@/lib/runtime/fetch';

describe('friendlyError', () => {
  it('tells a worker that never started from one that crashed, keeping the detail', () => {
    const never = friendlyError(new Error('model worker crashed: it did not start (its script could not be loaded: offline, or the site changed since this page opened)'));
    expect(never).toMatch(/^The model worker could not start/);
    expect(never).toContain('Detail: model worker crashed: it did not start');
    expect(friendlyError(new Error('model worker crashed: out of memory'))).toMatch(/^The model worker stopped unexpectedly\. .*Detail: model worker crashed: out of memory$/);
  });

  it('explains integrity and missing-file failures and passes other messages through', () => {
    expect(friendlyError(new Error('sha256 mismatch for lm'))).toMatch(/integrity check/);
    expect(friendlyError(new Error('fetch … → HTTP 404'))).toMatch(/^The model files were not found/);
    expect(friendlyError('plain')).toBe('plain');
  });

  it('says a stalled download was not loaded and can be tried again, keeping the detail', () => {
    const msg = stalledMessage('/models/lm/model.safetensors', 2048);
    expect(friendlyError(new Error(msg))).toBe(`The model download stopped arriving (a connection that is up but sends nothing), so the model was not loaded. Try again: the download starts over. Detail: ${msg}`);
  });
});
