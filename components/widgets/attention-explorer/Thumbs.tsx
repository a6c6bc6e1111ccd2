'use client';
/**
 * Every layer × head as a thumbnail of its attention pattern (row = query, column = key), drawn
 * on a canvas of T × T pixels scaled up by CSS; colour = the theme's accent at opacity √p.
 * Each thumbnail is a button (picks that head) whose accessible name carries its two scores on
 * this text; heads that earn a role (lib/interp headRole) get a visible tag.
 */
import { useEffect, useRef, useState } from 'react';
import { headRole } from '@/lib/interp/head-scores';
import type { F32 } from './useTaps';
import { headMatrix, num } from './layout';

export interface HeadInfo {
  previous: number;
  first: number;
}

/** Bumps when <html data-theme> or the system colour scheme changes, so canvases redraw in the new accent. */
function useThemeTick(): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const bump = () => setTick((t) => t + 1);
    const mo = new MutationObserver(bump);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    mq?.addEventListener?.('change', bump);
    return () => { mo.disconnect(); mq?.removeEventListener?.('change', bump); };
  }, []);
  return tick;
}

function Thumb({ probs, head, label, tick }: { probs: F32; head: number; label: string; tick: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext?.('2d');
    if (!c || !ctx) return;
    const T = probs.dims[2];
    const m = headMatrix(probs, head);
    const accent = getComputedStyle(c).getPropertyValue('--accent').trim() || '#2446c7';
    ctx.clearRect(0, 0, T, T);
    ctx.fillStyle = accent;
    for (let i = 0; i < T; i++) {
      for (let j = 0; j <= i; j++) {
        ctx.globalAlpha = Math.sqrt(Math.min(1, Math.max(0, m[i * T + j])));
        ctx.fillRect(j, i, 1, 1);
      }
    }
    ctx.globalAlpha = 1;
  }, [probs, head, tick]);
  const T = probs.dims[2];
  return <canvas ref={ref} width={T} height={T} className="ax-thumb-canvas" aria-hidden="true" data-label={label} />;
}

interface Props {
  layers: readonly F32[];
  info: readonly HeadInfo[][];
  layer: number;
  head: number;
  onPick: (layer: number, head: number) => void;
  disabled: boolean;
}

export function Thumbs({ layers, info, layer, head, onPick, disabled }: Props) {
  const nh = layers[0]?.dims[1] ?? 0;
  const tick = useThemeTick();
  return (
    <div className="ax-thumbs" role="group" aria-label="All heads: rows are layers, columns are heads. Pick one to see it in detail.">
      <span aria-hidden="true" />
      {Array.from({ length: nh }, (_, h) => <span key={h} className="ax-thumbs-col" aria-hidden="true">head {h}</span>)}
      {layers.map((probs, l) => (
        <div className="ax-thumbs-row" key={l} role="presentation">
          <span className="ax-thumbs-layer" aria-hidden="true">layer {l}</span>
          {Array.from({ length: nh }, (_, h) => {
            const s = info[l]?.[h];
            const role = s ? headRole(s.previous, s.first) : null;
            const name = `Layer ${l}, head ${h}${s ? `: previous-token score ${num(s.previous, 2)}, first-token score ${num(s.first, 2)}` : ''}${role ? ` (${role} head)` : ''}`;
            return (
              <button type="button" key={h} className="ax-thumb" aria-pressed={l === layer && h === head} title={name}
                disabled={disabled} onClick={() => onPick(l, h)} data-layer={l} data-head={h} data-role={role ?? ''}>
                <span className="sr-only">{name}</span>
                <Thumb probs={probs} head={h} label={`${l}.${h}`} tick={tick} />
                {role && <span className="ax-tag">{role === 'previous-token' ? 'prev' : 'first'}</span>}
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}
