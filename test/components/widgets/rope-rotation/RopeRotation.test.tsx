// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import RopeRotation from '@/components/widgets/rope-rotation/RopeRotation';
import { ropeRotationSchema } from '@/components/widgets/rope-rotation/index';
import { degrees, K0, pairView, Q0 } from '@/components/widgets/rope-rotation/layout';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();

describe('rope-rotation layout', () => {
  it('at equal positions q·k is the unrotated q0·k0 = 1·0.8 + 0.4·(−0.6) = 0.56', () => {
    expect(Q0[0] * K0[0] + Q0[1] * K0[1]).toBeCloseTo(0.56, 12);
    for (const p of [0, 7, 123]) expect(pairView(p, p, 3).dot).toBeCloseTo(0.56, 12);
  });
  it('q·k depends on m − n only, for every pair', () => {
    for (let j = 0; j < 16; j++) {
      expect(pairView(5, 2, j).dot).toBeCloseTo(pairView(205, 202, j).dot, 9);
      expect(pairView(5, 2, j).dotShifted).toBeCloseTo(pairView(5, 2, j).dot, 9);
    }
  });
  it('pair 0 turns one radian per position (θ_0 = 1), pair 15 by 10000^(−15/16)', () => {
    expect(pairView(3, 0, 0).angleQ).toBe(3);
    expect(pairView(1, 0, 15).theta).toBeCloseTo(Math.pow(10000, -15 / 16), 12);
    expect(degrees(Math.PI * 3)).toBeCloseTo(180, 9);
  });
});

describe('<RopeRotation />', () => {
  it('shows the dot product and moves both positions with the button', () => {
    const setState = vi.fn();
    render(<RopeRotation state={ropeRotationSchema.defaults} setState={setState} hidden={none} locked={none} />);
    const dd = document.querySelector('[data-dot]')!;
    expect(Number(dd.getAttribute('data-dot'))).toBeCloseTo(pairView(5, 2, 0).dot, 5);
    fireEvent.click(screen.getByRole('button', { name: /Move both/ }));
    expect(setState).toHaveBeenCalledWith({ m: 6, n: 3 });
    fireEvent.change(screen.getByRole('slider', { name: /Pair j/ }), { target: { value: '4' } });
    expect(setState).toHaveBeenCalledWith({ pair: 4 });
  });
});
