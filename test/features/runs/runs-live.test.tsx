import 'fake-indexeddb/auto';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClippedRun } from '../../../src/core/stored-runs';
import { RunsPage } from '../../../src/features/runs/RunsPage';
import { applyRunChanges } from '../../../src/features/runs/runs-live';
import { EMPTY_FILTERS, useRunsUi } from '../../../src/features/runs/runs-store';
import { createStorage, DB_NAME, deleteRuns, importRuns, listRuns, openViewerDb, saveRun } from '../../../src/storage';
import { makeRun } from '../../core/stored-runs/make-run';
import { stubResizeObserver } from '../../support/resize-observer';

const T = Date.UTC(2025, 2, 1, 9);
const run = (id: string, startedAt: number, over: Partial<ClippedRun> = {}) => makeRun({ id, startedAt, prompt: `Prompt ${id}`, ...over });

describe('applyRunChanges', () => {
  it('replaces in place, adds new runs newest first, drops deleted ones', () => {
    const list = [run('c', T + 3), run('b', T + 2), run('a', T + 1)];
    const out = applyRunChanges(list, [run('b', T + 2, { status: 'error' }), run('d', T + 4)], new Set(['a']));
    expect(out.map((r) => `${r.id}:${r.status}`)).toEqual(['d:done', 'c:done', 'b:error']);
    // A run whose start moved (simulated timing) is put back in order.
    expect(applyRunChanges(list, [run('a', T + 9)], new Set()).map((r) => r.id)).toEqual(['a', 'c', 'b']);
    expect(applyRunChanges(list, [], new Set()).map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('the Runs page is live', () => {
  beforeAll(stubResizeObserver);
  beforeEach(async () => {
    await deleteRuns((await listRuns()).map((r) => r.id));
    await importRuns([run('live', T, { status: 'running', steps: makeRun().steps.slice(0, 1), endedAt: undefined, latencyMs: undefined })]);
    useRunsUi.setState({ filters: EMPTY_FILTERS, allSelected: false, selected: new Set(), openRunId: null });
  });

  const renderPage = () =>
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <RunsPage />
      </QueryClientProvider>,
    );
  const row = () => screen.getByRole('button', { name: 'Prompt live' }).closest('tr')!;

  it('a run saved in this tab updates its row without a reload', async () => {
    renderPage();
    await waitFor(() => expect(within(row()).getByText('running')).toBeInTheDocument());
    await saveRun(run('live', T, { status: 'done' }));
    await waitFor(() => expect(within(row()).getByText('done')).toBeInTheDocument());
    expect(within(row()).getAllByRole('cell')[6]).toHaveTextContent('2');
    await saveRun(run('second', T + 5000));
    await waitFor(() => expect(screen.getByTestId('runs-count')).toHaveTextContent('2 runs stored'));
    await deleteRuns(['second']);
    await waitFor(() => expect(screen.getByTestId('runs-count')).toHaveTextContent('1 run stored'));
  });

  it('a run saved in another tab (announced over the channel, ids only) updates the row', async () => {
    renderPage();
    await waitFor(() => expect(within(row()).getByText('running')).toBeInTheDocument());
    // The other tab: its own connection to the database and its own channel.
    const otherTab = createStorage({ open: () => openViewerDb(DB_NAME) });
    await otherTab.saveRun(run('live', T, { status: 'error', error: 'dropped' }));
    const channel = new BroadcastChannel(`reasoning-viewer:runs:${DB_NAME}`);
    channel.postMessage({ kind: 'saved', ids: ['live'] });
    await waitFor(() => expect(within(row()).getByText('error')).toBeInTheDocument());
    channel.close();
    await otherTab.close();
  });
});
