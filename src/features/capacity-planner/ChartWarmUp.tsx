import type { ReactNode } from 'react';
import { useOneTurn } from '../../components/charts/use-turn';
import { BandBars } from '../../components/charts/BandBars';
import { DenseMarks } from '../../components/charts/DenseMarks';
import { Bar, BarChart, CartesianGrid, ComposedChart, ErrorBar, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';

const POINTS = [
  { x: 1, y: 2, c: 'a', e: [0.5, 0.5] },
  { x: 2, y: 3, c: 'b', e: [0.5, 0.5] },
  { x: 3, y: 1, c: 'c', e: [0.5, 0.5] },
];
const MARKS = POINTS.map((p) => ({ x: p.x, y: p.y }));
const BARS = POINTS.map((p) => ({ category: p.c, value: p.y, fill: '#888' }));
/** The axes are given their ticks with interval 0, as the real charts' are (see axis-ticks). */
const TICKS = [0, 2, 4];
const W = 120;
const H = 80;
const label = { value: 'x', position: 'insideBottom', offset: -4, fontSize: 10 } as const;

/**
 * Tiny, invisible copies of the parts of the charts the results draw, mounted while a file is
 * parsed (the main thread is idle then): the first chart that uses a part pays for compiling and
 * first running the chart library's code for it, which would otherwise land in the charts drawn
 * after the analysis. Each step adds a few parts to what the steps before it compiled, is drawn in
 * its own turn and removed in a later one (useOneTurn), so no step — nor the end of the parse,
 * which no longer unmounts a page of charts — is a long task.
 */
function Step({ children }: { children: ReactNode }) {
  return useOneTurn() ? children : null;
}

export function ChartWarmUp() {
  return (
    <div aria-hidden="true" style={{ position: 'absolute', width: 0, height: 0, overflow: 'hidden', opacity: 0, pointerEvents: 'none' }}>
      {/* From the simplest chart up, so the code compiled in each turn stays small. */}
      <Step>
        <LineChart width={W} height={H} data={POINTS} />
      </Step>
      <Step>
        <LineChart width={W} height={H} data={POINTS}>
          <Line dataKey="y" dot={false} isAnimationActive={false} />
        </LineChart>
      </Step>
      <Step>
        <LineChart width={W} height={H} data={POINTS}>
          <YAxis interval={0} />
          <Line dataKey="y" dot={false} isAnimationActive={false} />
        </LineChart>
      </Step>
      <Step>
        <LineChart width={W} height={H} data={POINTS}>
          <XAxis dataKey="x" type="number" domain={[0, 4]} allowDataOverflow ticks={TICKS} interval={0} />
          <YAxis interval={0} ticks={[0, 2, 4]} domain={[0, 4]} />
          <Line dataKey="y" dot={{ r: 2 }} isAnimationActive={false} />
        </LineChart>
      </Step>
      <Step>
        <LineChart width={W} height={H} data={POINTS}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="x" type="number" ticks={TICKS} interval={0} />
          <YAxis interval={0} />
          <Line dataKey="y" type="stepAfter" dot={false} isAnimationActive={false} />
        </LineChart>
      </Step>
      <Step>
        <LineChart width={W} height={H} data={POINTS}>
          <XAxis dataKey="x" type="number" label={label} ticks={TICKS} interval={0} />
          <YAxis interval={0} />
          <ReferenceLine x={2} strokeDasharray="5 3" label={{ value: 'r', fontSize: 10, position: 'top' }} />
          <ReferenceArea x1={1.5} x2={2.5} fillOpacity={0.15} />
          <Line dataKey="y" dot={false} isAnimationActive={false} />
        </LineChart>
      </Step>
      <Step>
        <LineChart width={W} height={H} data={POINTS}>
          <XAxis dataKey="x" type="number" scale="log" domain={['dataMin', 'dataMax']} allowDataOverflow ticks={[1, 2, 3]} interval={0} />
          <YAxis interval={0} />
          <Tooltip isAnimationActive={false} />
          <Line dataKey="y" dot={false} isAnimationActive={false} />
        </LineChart>
      </Step>
      <Step>
        <BarChart width={W} height={H} data={POINTS} barCategoryGap={1}>
          <XAxis dataKey="c" interval={0} />
          <YAxis interval={0} type="number" domain={[0, 4]} ticks={[0, 2, 4]} />
          <Bar dataKey="y" isAnimationActive={false} hide />
          <Line dataKey="y" stroke="none" dot={false} activeDot={false} isAnimationActive={false} legendType="none" tooltipType="none" />
          <BandBars bars={BARS} gap={1} label="bars" />
          <ReferenceLine x="b" />
        </BarChart>
      </Step>
      <Step>
        <ComposedChart width={W} height={H}>
          <XAxis dataKey="x" type="number" domain={[0, 4]} allowDataOverflow ticks={TICKS} interval={0} />
          <YAxis interval={0} type="number" domain={[0, 4]} allowDataOverflow />
          <DenseMarks marks={MARKS} fill="#888" label="marks" />
          <Line data={POINTS} dataKey="y" dot={{ r: 2 }} isAnimationActive={false} connectNulls />
        </ComposedChart>
      </Step>
      <Step>
        <ComposedChart width={W} height={H} data={POINTS}>
          <XAxis dataKey="x" type="number" ticks={TICKS} interval={0} />
          <YAxis interval={0} />
          <Line dataKey="y" isAnimationActive={false}>
            <ErrorBar dataKey="e" direction="y" isAnimationActive={false} />
          </Line>
        </ComposedChart>
      </Step>
    </div>
  );
}
