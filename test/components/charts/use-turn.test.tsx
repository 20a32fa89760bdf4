import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useOneTurn, useTurn } from '../../../src/components/charts/use-turn';

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

  it('useOneTurn: shown in its turn, removed in a later one, after the turns already waiting', async () => {
    const seen: string[] = [];
    function Once({ name }: { name: string }) {
      const shown = useOneTurn();
      const last = seen.filter((s) => s.startsWith(`${name} `)).at(-1);
      const now = `${name} ${shown ? 'shown' : 'hidden'}`;
      if (last !== now) seen.push(now);
      return shown ? <p>{name}</p> : null;
    }
    render(
      <>
        <Once name="a" />
        <Once name="b" />
      </>,
    );
    await waitFor(() => expect(screen.getByText('a')).toBeInTheDocument());
    await waitFor(() => expect(seen).toContain('b shown'));
    await waitFor(() => expect(screen.queryByText('a')).toBeNull());
    await waitFor(() => expect(screen.queryByText('b')).toBeNull());
    // a is removed only after b has had its turn to be shown; each is shown exactly once.
    expect(seen).toEqual(['a hidden', 'b hidden', 'a shown', 'b shown', 'a hidden', 'b hidden']);
  });
});
