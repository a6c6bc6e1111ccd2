// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Controls } from '@/components/widgets/generate/Controls';
import { generateSchema, type GenerateState } from '@/components/widgets/generate/index';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();

function setup(state: Partial<GenerateState>, hidden = none) {
  render(<Controls state={{ ...generateSchema.defaults, ...state }} setState={() => {}} hidden={hidden} locked={none} busy={false} onGenerate={() => {}} />);
  return { topK: screen.getByLabelText(/Top-k/, { selector: 'input' }) as HTMLInputElement, topP: screen.queryByLabelText(/Top-p/, { selector: 'input' }) as HTMLInputElement | null };
}

describe('Controls', () => {
  it('disables top-k and top-p at temperature 0 (greedy) and says why', () => {
    const { topK, topP } = setup({ temperature: 0 });
    expect(topK.disabled).toBe(true);
    expect(topP!.disabled).toBe(true);
    const hint = document.getElementById(topK.getAttribute('aria-describedby')!);
    expect(hint?.textContent).toMatch(/greedy.*top-k and top-p have no effect/);
    expect(topP!.getAttribute('aria-describedby')).toBe(hint!.id);
  });

  it('enables them, with no hint, at any temperature above 0', () => {
    const { topK, topP } = setup({ temperature: 0.05 });
    expect(topK.disabled).toBe(false);
    expect(topP!.disabled).toBe(false);
    expect(topK.hasAttribute('aria-describedby')).toBe(false);
    expect(screen.queryByText(/greedy/)).toBeNull();
  });
});
