import { memo } from 'react';

export type SparklineProps = {
  /** One value per time bucket, oldest first; null where a bucket has no data (a gap). */
  values: readonly (number | null)[];
  /** Accessible description, e.g. "Latency p50 over time". */
  label: string;
  width?: number;
  height?: number;
};

/**
 * A tiny trend line (SVG, no chart library): gaps where a value is null, a dot on the latest
 * value. Colours follow the page's CSS variables, so it reads in light and dark.
 */
export const Sparkline = memo(function Sparkline({ values, label, width = 96, height = 24 }: SparklineProps) {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) {
    return (
      <svg className="sparkline" width={width} height={height} role="img" aria-label={`${label}: no data`}>
        <line x1={0} x2={width} y1={height / 2} y2={height / 2} stroke="var(--border)" strokeDasharray="2 3" />
      </svg>
    );
  }
  const min = Math.min(...present);
  const max = Math.max(...present);
  const pad = 2;
  const x = (i: number) => (values.length === 1 ? width / 2 : pad + (i / (values.length - 1)) * (width - 2 * pad));
  const y = (v: number) => (max === min ? height / 2 : height - pad - ((v - min) / (max - min)) * (height - 2 * pad));
  const segments: string[] = [];
  let current = '';
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  let last = values.length - 1;
  while (last >= 0 && (values[last] === null || !Number.isFinite(values[last] as number))) last--;
  return (
    <svg className="sparkline" width={width} height={height} role="img" aria-label={label}>
      {segments.map((d, i) => (
        <path key={i} d={d} fill="none" stroke="var(--accent)" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />
      ))}
      {values.map((v, i) =>
        v !== null && Number.isFinite(v) && (i === last || (values[i - 1] ?? null) === null) && (values[i + 1] ?? null) === null ? (
          <circle key={`p${i}`} cx={x(i)} cy={y(v)} r={i === last ? 2.2 : 1.5} fill="var(--accent)" />
        ) : null,
      )}
    </svg>
  );
});
