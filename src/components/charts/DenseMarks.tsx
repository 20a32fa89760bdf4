import { memo } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import { niceTicks } from '../../core/report/svg';

export type Mark = { x: number; y: number };

/** The SVG path of small squares centred on the marks (pixel coordinates), clipped to the plot. */
export function marksPath(marks: readonly Mark[], toX: (v: number) => number, toY: (v: number) => number, size: number, plot?: { x: number; y: number; width: number; height: number }): { d: string; drawn: number } {
  const half = size / 2;
  const parts: string[] = [];
  for (const m of marks) {
    const px = toX(m.x);
    const py = toY(m.y);
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    if (plot && (px < plot.x || px > plot.x + plot.width || py < plot.y || py > plot.y + plot.height)) continue;
    // One rounded pixel grid: keeps the path short and the squares crisp.
    parts.push(`M${Math.round(px - half)} ${Math.round(py - half)}h${size}v${size}h${-size}z`);
  }
  return { d: parts.join(''), drawn: parts.length };
}

/**
 * Thousands of marks drawn as one SVG path inside a recharts chart (use it as the chart's child,
 * with explicit axis domains). Recharts' own <Scatter> makes several components and elements per
 * point: 2,000 of them cost the page a 300–500 ms task to render; one path costs a few ms.
 */
export const DenseMarks = memo(function DenseMarks({ marks, fill, opacity = 0.6, size = 4, label }: { marks: readonly Mark[]; fill: string; opacity?: number; size?: number; label: string }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const plot = usePlotArea();
  if (!xScale || !yScale) return null;
  const { d, drawn } = marksPath(marks, (v) => Number(xScale(v)), (v) => Number(yScale(v)), size, plot);
  return <path className="dense-marks" d={d} fill={fill} fillOpacity={opacity} role="img" aria-label={label} data-marks={drawn} />;
});

/** An axis from 0 to a round number at or above the largest value, with its round ticks (the report charts' rule). */
export function niceAxis(values: Iterable<number>): { max: number; ticks: number[] } {
  let max = 0;
  for (const v of values) if (Number.isFinite(v) && v > max) max = v;
  const ticks = niceTicks(0, max > 0 ? max : 1);
  return { max: ticks[ticks.length - 1], ticks };
}
