import { memo } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';

export type BandBar = { category: string; value: number; fill: string };

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
  const starts = bars.map((b) => Number(xScale(b.category)));
  // Every band has the same width: the plot width over the number of categories.
  const band = plot.width / bars.length;
  const width = Math.max(0, band - 2 * gap);
  const base = Number(yScale(0));
  const paths = new Map<string, string[]>();
  bars.forEach((b, i) => {
    const x = starts[i];
    const top = Number(yScale(b.value));
    if (!Number.isFinite(x) || !Number.isFinite(top) || !(b.value > 0)) return;
    const list = paths.get(b.fill) ?? [];
    list.push(`M${x + gap},${top}h${width}v${base - top}h${-width}Z`);
    paths.set(b.fill, list);
  });
  return (
    <g className="band-bars" role="img" aria-label={label}>
      {[...paths.entries()].map(([fill, d]) => (
        <path key={fill} className="band-bars-path" d={d.join('')} fill={fill} data-bars={d.length} />
      ))}
    </g>
  );
});
