import { describe, expect, it } from 'vitest';
import { marksPath, niceMax } from '../../../src/components/charts/DenseMarks';

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

describe('niceMax', () => {
  it('rounds the largest value up to a round number', () => {
    expect(niceMax([3.2, 17.4, 9])).toBe(20);
    expect(niceMax([0.42])).toBe(0.5);
    expect(niceMax([1000])).toBe(1000);
    expect(niceMax([1001])).toBe(1200);
  });
  it('gives 1 when there is nothing positive', () => {
    expect(niceMax([])).toBe(1);
    expect(niceMax([0, -3, Number.NaN])).toBe(1);
  });
});
