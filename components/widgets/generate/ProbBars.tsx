'use client';
/** The next-token distribution of the last step as horizontal bars (top 10). React SVG, D3 scales. */
import { useMemo } from 'react';
import { layoutBars, topTokens } from './layout';
import type { TokenizerLike } from '@/components/lesson/live-model';
import type { NextToken } from './steps';
import { useWidth } from '@/components/ui/useWidth';
import { showToken } from '@/components/viz/show-token';

export const TOP = 10;
const ROW = 24;

export function ProbBars({ next, tokenText }: { next: NextToken; tokenText: TokenizerLike['tokenText'] }) {
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const view = useMemo(() => {
    const items = topTokens(next.probs, TOP).map((t) => ({ ...t, label: showToken(tokenText(t.id)), chosen: t.id === next.chosen }));
    return layoutBars(items, { width: Math.max(240, width), labelWidth: Math.min(120, Math.round(width * 0.28)), valueWidth: next.chosen === undefined ? 48 : 96, rowHeight: ROW });
  }, [next, tokenText, width]);
  const chosenOutside = next.chosen !== undefined && !view.bars.some((b) => b.chosen);
  return (
    <figure className="gen-figure" ref={ref}>
      <figcaption>
        {next.chosen !== undefined ? 'The last step: the distribution the last token was drawn from' : 'Next-token probabilities'}
        {next.greedy ? ' (model probabilities; greedy takes the tallest bar)' : ' (after temperature, top-k and top-p)'}.
      </figcaption>
      <svg className="gen-bars" width={view.width} height={view.height} role="img"
        aria-label={`Top ${view.bars.length} next tokens: ${view.bars.map((b) => `${b.label} ${b.pct}`).join(', ')}`}>
        {view.bars.map((b) => (
          <g key={b.id} className={b.chosen ? 'gen-bar gen-bar-chosen' : 'gen-bar'} data-p={b.p.toFixed(6)}>
            <text x={view.labelWidth - 6} y={b.y + b.height / 2} dy="0.35em" textAnchor="end" className="gen-bar-label">
              {b.label.length > 14 ? `${b.label.slice(0, 13)}…` : b.label}
            </text>
            <rect x={view.labelWidth} y={b.y} width={Math.max(1, b.width)} height={b.height} rx={2} />
            <text x={view.labelWidth + b.width + 4} y={b.y + b.height / 2} dy="0.35em" className="gen-bar-value">
              {b.pct}{b.chosen ? ' ← drawn' : ''}
            </text>
          </g>
        ))}
      </svg>
      {chosenOutside && <p className="muted gen-small">The drawn token is not among the top {TOP}.</p>}
    </figure>
  );
}
