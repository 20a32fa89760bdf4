import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Three quick stages stand in for the real ones (which run the demo model and change pages).
vi.mock('../../../src/app/tour/stages', () => ({
  STAGES: [
    { id: 'one', caption: 'First stage caption.', target: ['#one'], run: async () => {} },
    { id: 'two', caption: 'Second stage caption.', target: ['#two'], run: async () => {} },
    { id: 'three', caption: 'Third stage caption.', target: ['#three'], run: async () => {} },
  ],
}));
vi.mock('../../../src/features/live-viewer/run-controller', () => ({ stopRun: vi.fn() }));

const { TourBar } = await import('../../../src/app/tour/TourBar');
const { PresentationToggle } = await import('../../../src/app/tour/Presentation');
const { dwellMs, exitTour, startTour, useTour } = await import('../../../src/app/tour/tour');
const { useLiveRun } = await import('../../../src/features/live-viewer/run-store');

class NoResize {
  observe() {}
  disconnect() {}
}

beforeEach(() => {
  vi.stubGlobal('ResizeObserver', NoResize);
  useTour.setState({ active: false, stage: 0, paused: false, busy: false, presentation: false, advanceAt: undefined });
});
afterEach(() => {
  act(() => exitTour());
  vi.unstubAllGlobals();
});

const press = (key: string, target: Element = document.body) => act(() => void fireEvent.keyDown(target, { key }));

function App() {
  return (
    <>
      <PresentationToggle />
      <main>
        <div id="one" />
      </main>
      <TourBar />
    </>
  );
}

describe('the guided demo bar', () => {
  it('steps on → / Space / PageDown and back on ← / PageUp, holding the stage; Esc ends it', async () => {
    render(<App />);
    act(() => startTour());
    const bar = screen.getByRole('region', { name: 'Guided demo' });
    expect(bar).toHaveTextContent('1 / 3');
    expect(screen.getByTestId('tour-keys')).toHaveTextContent('→ Space PgDn next · ← PgUp back · Esc end');
    press('ArrowRight');
    expect(bar).toHaveTextContent('2 / 3');
    expect(useTour.getState().paused).toBe(true);
    press('PageDown');
    expect(bar).toHaveTextContent('3 / 3');
    press(' ');
    expect(bar).toHaveTextContent('3 / 3');
    press('PageUp');
    expect(bar).toHaveTextContent('2 / 3');
    press('ArrowLeft');
    press('ArrowLeft');
    expect(bar).toHaveTextContent('1 / 3');
    // Space on a focused button is that button's.
    press(' ', screen.getByRole('button', { name: 'Next stage' }));
    expect(bar).toHaveTextContent('1 / 3');
    press('Escape');
    expect(screen.queryByRole('region', { name: 'Guided demo' })).toBeNull();
  });

  it('counts down to the next stage once a stage has run', async () => {
    render(<App />);
    act(() => startTour());
    const progress = await screen.findByText(/^next stage in \d+ s$/);
    const seconds = Number(progress.textContent!.match(/\d+/)![0]);
    const expected = dwellMs('First stage caption.') / 1000;
    expect(seconds).toBeLessThanOrEqual(Math.ceil(expected));
    expect(seconds).toBeGreaterThanOrEqual(Math.floor(expected) - 1);
  });

  it('turns presentation mode on, docks the layout, and gives the previous state back at the end', () => {
    render(<App />);
    const toggle = screen.getByRole('button', { name: 'Presentation mode' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    act(() => startTour());
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement).toHaveClass('presentation', 'touring');
    expect(document.documentElement.dataset.tourStage).toBe('one');
    act(() => exitTour());
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(document.documentElement).not.toHaveClass('presentation');
    expect(document.documentElement).not.toHaveClass('touring');
  });
});

describe('presentation mode', () => {
  it('shows that it is on and how to leave; Esc leaves it', () => {
    render(<App />);
    const toggle = screen.getByRole('button', { name: 'Presentation mode' });
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement).toHaveClass('presentation');
    expect(screen.getByText(/Presenting/)).toHaveTextContent('Presenting · Esc exits');
    press('Escape');
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(screen.queryByText(/Presenting/)).toBeNull();
  });

  it('lets the first Esc stop a streaming run and the next one leave', () => {
    render(<App />);
    fireEvent.click(screen.getByRole('button', { name: 'Presentation mode' }));
    act(() => useLiveRun.setState({ viewedId: 'r', views: { r: { run: { status: 'streaming' } } } } as never));
    press('Escape');
    expect(useTour.getState().presentation).toBe(true);
    act(() => useLiveRun.setState({ views: { r: { run: { status: 'stopped' } } } } as never));
    press('Escape');
    expect(useTour.getState().presentation).toBe(false);
  });

  it('stays on after a tour that started in it', () => {
    render(<App />);
    fireEvent.click(screen.getByRole('button', { name: 'Presentation mode' }));
    act(() => startTour());
    act(() => exitTour());
    expect(useTour.getState().presentation).toBe(true);
  });
});

describe('dwellMs', () => {
  it('gives a presenter time to read a caption aloud (150 words a minute) and add a sentence', () => {
    for (const words of [3, 12, 20, 30]) {
      const caption = Array.from({ length: words }, (_, i) => `word${i}`).join(' ');
      const readAloudMs = (words / 150) * 60_000;
      expect(dwellMs(caption)).toBeGreaterThanOrEqual(Math.max(8_000, readAloudMs + 3_000));
      expect(dwellMs(caption)).toBeLessThanOrEqual(20_000);
    }
  });
});
