'use client';
/** The training-curves chart of one model card, loaded lazily (D3 and the chart stay out of first-load JS). */
import { lazy, Suspense } from 'react';

const TrainingCurves = lazy(() => import('./TrainingCurves'));

export function CurvesSlot({ id }: { id: string }) {
  return (
    <div className="curves-slot">
      <h4 className="curves-heading">Training curves</h4>
      <Suspense fallback={<p className="widget-loading curves-note" role="status">Loading the training curves…</p>}>
        <TrainingCurves id={id} />
      </Suspense>
    </div>
  );
}
