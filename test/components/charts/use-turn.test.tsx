import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useTurn } from '../../../src/components/charts/use-turn';

const drawnAt: string[] = [];

function Slow({ name }: { name: string }) {
  const ready = useTurn();
  if (ready && !drawnAt.includes(name)) drawnAt.push(name);
  return <p>{ready ? `${name} drawn` : `${name} waiting`}</p>;
}

describe('useTurn', () => {
  it('grants one turn at a time, in mount order, each after a frame', async () => {
    drawnAt.length = 0;
    render(
      <>
        <Slow name="a" />
        <Slow name="b" />
        <Slow name="c" />
      </>,
    );
    // Nothing is drawn in the render that mounted them.
    expect(screen.getByText('a waiting')).toBeInTheDocument();
    expect(screen.getByText('c waiting')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('a drawn')).toBeInTheDocument());
    // Right after the first turn the third is still waiting.
    expect(screen.getByText('c waiting')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('c drawn')).toBeInTheDocument());
    expect(drawnAt).toEqual(['a', 'b', 'c']);
  });

  it('skips a component that unmounted before its turn', async () => {
    drawnAt.length = 0;
    const view = render(
      <>
        <Slow name="gone" />
        <Slow name="kept" />
      </>,
    );
    act(() => view.rerender(<Slow key="kept" name="kept" />));
    await waitFor(() => expect(screen.getByText('kept drawn')).toBeInTheDocument());
    expect(drawnAt).toEqual(['kept']);
  });
});
