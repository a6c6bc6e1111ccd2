'use client';
/**
 * Training and validation loss of one model against the optimizer step, from its training log
 * (/models/<id>/training-log.json). React renders the SVG; D3 does the scales (curves-layout.ts).
 * The best validation point is marked; the numbers are in a table under "Data".
 * Loaded lazily (CurvesSlot.tsx), so D3 stays out of the page's first-load JS.
 */
import { useEffect, useId, useState } from 'react';
import { useWidth } from '@/components/ui/useWidth';
import { layoutCurves, type Margin } from './curves-layout';
import { describeCurves, parseTrainingLog, type LossCurves } from './training-log';
import { sitePath } from '@/components/site-base';

export type LoadLog = (id: string) => Promise<unknown>;

const fetchLog: LoadLog = async (id) => {
  const res = await fetch(sitePath(`models/${encodeURIComponent(id)}/training-log.json`));
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
};

const MARGIN: Margin = { top: 12, right: 14, bottom: 38, left: 48 };

export default function TrainingCurves({ id, load = fetchLog }: { id: string; load?: LoadLog }) {
  const [curves, setCurves] = useState<LossCurves | null | 'error'>(null);
  useEffect(() => {
    let live = true;
    load(id).then(
      (json) => live && setCurves(parseTrainingLog(json) ?? 'error'),
      () => live && setCurves('error'),
    );
    return () => {
      live = false;
    };
  }, [id, load]);
  if (curves === 'error') return <p className="muted curves-note">The training log of {id} could not be read.</p>;
  if (!curves) return <p className="widget-loading curves-note" role="status">Loading the training curves…</p>;
  return <Chart id={id} curves={curves} />;
}

function Chart({ id, curves }: { id: string; curves: LossCurves }) {
  const clipId = `curves-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [ref, width] = useWidth<HTMLElement>(560);
  const height = Math.round(Math.min(260, Math.max(190, width * 0.45)));
  const v = layoutCurves(curves, { width, height, margin: MARGIN });
  const { plot, best } = v;
  const bottom = plot.y + plot.height;
  // The best validation point is the lowest of its curve: its label goes under it, towards the plot's middle.
  const bestLeft = best !== null && best.x > plot.x + plot.width * 0.6;
  return (
    <figure className="curves" ref={ref} data-model={id}>
      <svg width={width} height={height} role="img" aria-label={describeCurves(id, curves)} className="curves-svg">
        <defs>
          <clipPath id={clipId}>
            <rect x={plot.x} y={plot.y} width={plot.width} height={plot.height} />
          </clipPath>
        </defs>
        {v.yTicks.map((t) => (
          <g key={`y${t.value}`}>
            <line x1={plot.x} x2={plot.x + plot.width} y1={t.pos} y2={t.pos} className="curves-grid" />
            <text x={plot.x - 6} y={t.pos} dy="0.32em" textAnchor="end" className="curves-tick">
              {t.label}
            </text>
          </g>
        ))}
        <line x1={plot.x} x2={plot.x + plot.width} y1={bottom} y2={bottom} className="curves-axis" />
        {v.xTicks.map((t) => (
          <g key={`x${t.value}`}>
            <line x1={t.pos} x2={t.pos} y1={bottom} y2={bottom + 4} className="curves-axis" />
            <text x={t.pos} y={bottom + 16} textAnchor="middle" className="curves-tick">
              {t.label}
            </text>
          </g>
        ))}
        <text x={plot.x + plot.width / 2} y={height - 4} textAnchor="middle" className="curves-title">
          step
        </text>
        <text transform={`translate(12 ${plot.y + plot.height / 2}) rotate(-90)`} textAnchor="middle" className="curves-title">
          loss (nats/token)
        </text>
        <g clipPath={`url(#${clipId})`}>
          <path d={v.train} className="curves-train" />
          <path d={v.val} className="curves-val" />
        </g>
        {best && (
          <g className="curves-best">
            <circle cx={best.x} cy={best.y} r={4.5} />
            <text x={best.x + (bestLeft ? -8 : 8)} y={best.y + 17} textAnchor={bestLeft ? 'end' : 'start'}>
              best {best.loss.toFixed(3)} @ {best.step}
            </text>
          </g>
        )}
      </svg>
      <figcaption className="curves-caption">
        <span className="curves-key curves-key-train" aria-hidden="true" /> training loss{' '}
        <span className="curves-key curves-key-val" aria-hidden="true" /> validation loss
        {best && `; the dot marks the best validation loss, ${best.loss.toFixed(3)} at step ${best.step}`}.
        {v.clipped && ` The first ${v.clipped.untilStep} steps (loss up to ${v.clipped.maxLoss.toFixed(2)}) are above the top of the chart.`}
      </figcaption>
      <DataTable id={id} curves={curves} />
    </figure>
  );
}

function DataTable({ id, curves }: { id: string; curves: LossCurves }) {
  const steps = [...new Set([...curves.train, ...curves.val].map((p) => p.step))].sort((a, b) => a - b);
  const at = (pts: LossCurves['train'], s: number) => pts.find((p) => p.step === s)?.loss.toFixed(3) ?? '–';
  return (
    <details className="hint curves-data">
      <summary>Data table</summary>
      <div className="curves-table-wrap" tabIndex={0} role="region" aria-label={`Loss by step of ${id}`}>
        <table>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Training loss</th>
              <th scope="col">Validation loss</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((s) => (
              <tr key={s}>
                <th scope="row">{s}</th>
                <td>{at(curves.train, s)}</td>
                <td>{at(curves.val, s)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
