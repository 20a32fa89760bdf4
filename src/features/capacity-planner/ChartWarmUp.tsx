import type { ReactNode } from 'react';
import { useTurn } from '../../components/charts/use-turn';
import { Bar, BarChart, CartesianGrid, Cell, ComposedChart, ErrorBar, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';

const POINTS = [
  { x: 1, y: 2, e: [0.5, 0.5] },
  { x: 2, y: 3, e: [0.5, 0.5] },
  { x: 3, y: 1, e: [0.5, 0.5] },
];

/**
 * Tiny, invisible copies of the kinds of chart the results draw, mounted while a file is parsed
 * (the main thread is idle then): the first chart of each kind pays for compiling the chart
 * library's code, ~70 ms that would otherwise land in the first chart drawn after the analysis.
 * Each takes its own turn (useTurn), so the warm-up is itself no long task.
 */
function InTurn({ children }: { children: ReactNode }) {
  return useTurn() ? children : null;
}

export function ChartWarmUp() {
  return (
    <div aria-hidden="true" style={{ position: 'absolute', width: 0, height: 0, overflow: 'hidden', opacity: 0, pointerEvents: 'none' }}>
      {/* From the simplest chart up, so the code compiled in each turn stays small. */}
      <InTurn>
        <LineChart width={120} height={80} data={POINTS}>
          <Line dataKey="y" dot={false} isAnimationActive={false} />
        </LineChart>
      </InTurn>
      <InTurn>
        <LineChart width={120} height={80} data={POINTS}>
          <YAxis interval={0} />
          <Line dataKey="y" dot={false} isAnimationActive={false} />
        </LineChart>
      </InTurn>
      <InTurn>
        <BarChart width={120} height={80} data={POINTS}>
          <CartesianGrid />
          <XAxis dataKey="x" interval={0} />
          <YAxis interval={0} />
          <Bar dataKey="y" isAnimationActive={false}>
            {POINTS.map((p) => (
              <Cell key={p.x} fill="#888" />
            ))}
          </Bar>
          <ReferenceLine x={2} />
        </BarChart>
      </InTurn>
      <InTurn>
        <LineChart width={120} height={80} data={POINTS}>
          <XAxis dataKey="x" type="number" />
          <YAxis interval={0} />
          <Line dataKey="y" dot={false} isAnimationActive={false} />
        </LineChart>
      </InTurn>
      <InTurn>
        <ComposedChart width={120} height={80} data={POINTS}>
          <XAxis dataKey="x" type="number" />
          <YAxis interval={0} />
          <Line dataKey="y" isAnimationActive={false}>
            <ErrorBar dataKey="e" direction="y" isAnimationActive={false} />
          </Line>
        </ComposedChart>
      </InTurn>
    </div>
  );
}
