import { describe, expect, it } from 'vitest';
import { bandBarPaths } from '../../../src/components/charts/BandBars';

describe('bandBarPaths', () => {
  const x = (c: string) => ({ a: 0, b: 10, c: 20 })[c] ?? Number.NaN;
  const y = (v: number) => 100 - 10 * v;
  it('draws one path per fill, each bar inside its band (gap each side) from the value down to 0', () => {
    const paths = bandBarPaths(
      [
        { category: 'a', value: 2, fill: 'green' },
        { category: 'b', value: 5, fill: 'blue' },
        { category: 'c', value: 1, fill: 'green' },
      ],
      x,
      y,
      10,
      1,
    );
    expect([...paths.keys()]).toEqual(['green', 'blue']);
    expect(paths.get('green')).toEqual(['M1,80h8v20h-8Z', 'M21,90h8v10h-8Z']);
    expect(paths.get('blue')).toEqual(['M11,50h8v50h-8Z']);
  });
  it('leaves out empty bars and categories the scale cannot place', () => {
    const paths = bandBarPaths(
      [
        { category: 'a', value: 0, fill: 'green' },
        { category: 'zz', value: 3, fill: 'green' },
      ],
      x,
      y,
      10,
      1,
    );
    expect(paths.size).toBe(0);
  });
});
