import { describe, expect, it } from 'vitest';
import { marksPath, niceAxis } from '../../../src/components/charts/DenseMarks';

describe('marksPath', () => {
  const id = (v: number) => v;
  it('draws one square per mark, centred on it', () => {
    const { d, drawn } = marksPath([{ x: 10, y: 20 }, { x: 30, y: 40 }], id, id, 4);
    expect(drawn).toBe(2);
    expect(d).toBe('M8 18h4v4h-4zM28 38h4v4h-4z');
  });
  it('leaves out marks outside the plot and marks the scales cannot place', () => {
    const plot = { x: 0, y: 0, width: 100, height: 100 };
    const { drawn } = marksPath([{ x: 50, y: 50 }, { x: 150, y: 50 }, { x: Number.NaN, y: 1 }], id, id, 4, plot);
    expect(drawn).toBe(1);
  });
});

describe('niceAxis', () => {
  it('rounds the largest value up to a round tick', () => {
    expect(niceAxis([3.2, 17.4, 9])).toEqual({ max: 20, ticks: [0, 5, 10, 15, 20] });
    expect(niceAxis([0.42]).max).toBe(0.5);
    expect(niceAxis([1000]).max).toBe(1000);
    expect(niceAxis([2100]).ticks).toEqual([0, 500, 1000, 1500, 2000, 2500]);
  });
  it('gives 0–1 when there is nothing positive', () => {
    expect(niceAxis([]).max).toBe(1);
    expect(niceAxis([0, -3, Number.NaN]).max).toBe(1);
  });
});
