import { memo } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';

export type BandBar = { category: string; value: number; fill: string };

/**
 * One SVG path per fill: each bar from its band start + gap, band − 2·gap wide, from the value
 * down to 0 (pixel coordinates from the scales). Bars of 0 or that the scales cannot place are left out.
 */
export function bandBarPaths(bars: readonly BandBar[], toX: (category: string) => number, toY: (v: number) => number, band: number, gap: number): Map<string, string[]> {
  const width = Math.max(0, band - 2 * gap);
  const base = toY(0);
  const paths = new Map<string, string[]>();
  for (const b of bars) {
    const x = toX(b.category);
    const top = toY(b.value);
    if (!Number.isFinite(x) || !Number.isFinite(top) || !(b.value > 0)) continue;
    const list = paths.get(b.fill) ?? [];
    list.push(`M${x + gap},${top}h${width}v${base - top}h${-width}Z`);
    paths.set(b.fill, list);
  }
  return paths;
}

/**
 * The bars of a one-series bar chart on a category axis, drawn as one SVG path per fill (e.g. per
 * tier) instead of recharts' several components and elements per bar: the same rectangles as
 * `<Bar>` with `barCategoryGap={gap}` (band start + gap, band width − 2·gap, from the value down to
 * 0). Use it as the chart's child beside a hidden `<Bar>` that keeps the tooltip's payload, with an
 * explicit value-axis domain (a hidden bar adds nothing to it).
 */
export const BandBars = memo(function BandBars({ bars, gap = 1, label }: { bars: readonly BandBar[]; gap?: number; label: string }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const plot = usePlotArea();
  if (!xScale || !yScale || !plot || bars.length === 0) return null;
  // Every band has the same width: the plot width over the number of categories.
  const paths = bandBarPaths(bars, (c) => Number(xScale(c)), (v) => Number(yScale(v)), plot.width / bars.length, gap);
  return (
    <g className="band-bars" role="img" aria-label={label}>
      {[...paths.entries()].map(([fill, d]) => (
        <path key={fill} className="band-bars-path" d={d.join('')} fill={fill} data-bars={d.length} />
      ))}
    </g>
  );
});
