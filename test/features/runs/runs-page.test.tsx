import 'fake-indexeddb/auto';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runsToJsonl, type RunRecord } from '../../../src/core/stored-runs';
import { METRIC_INFO } from '../../../src/core/metrics';
import { useBatch } from '../../../src/features/runs/batch-controller';
import { RunsPage } from '../../../src/features/runs/RunsPage';
import { EMPTY_FILTERS, useRunsUi } from '../../../src/features/runs/runs-store';
import { downloadBlob, downloadText } from '../../../src/lib/download';
import { useHandoff } from '../../../src/lib/handoff';
import { useSettings } from '../../../src/lib/settings';
import { deleteRuns, importRuns, listRuns } from '../../../src/storage';
import { makeRun } from '../../core/stored-runs/make-run';
import { stubResizeObserver } from '../../support/resize-observer';

vi.mock('../../../src/lib/download', () => ({ downloadText: vi.fn(), downloadBlob: vi.fn() }));

const T = Date.UTC(2025, 0, 15, 12);

const seed: RunRecord[] = [
  makeRun({
    id: 'r-slip',
    prompt: 'Arithmetic slip: warehouse boxes',
    startedAt: T,
    endedAt: T + 900,
    latencyMs: 900,
    steps: [
      { text: 'There are 24 × 17 = 408 pallets.', startedAt: T + 100, completedAt: T + 300 },
      { text: '408 × 36 = 14,588 boxes.', startedAt: T + 300, completedAt: T + 500 },
      { text: 'Wait, 408 × 36 = 14,688. So 14,688 − 1,250 = 13,438.', startedAt: T + 500, completedAt: T + 700 },
    ],
    findings: [
      { step: 1, kind: 'arithmetic', severity: 'error', message: 'step 2: 408 × 36 is 14,688, not 14,588' },
      { step: 2, kind: 'self-correction', severity: 'note', message: 'step 3 corrects an earlier step' },
    ],
    consistencyScore: 0.7,
    checkpoints: [{ number: 1, stepCount: 3, elapsedMs: 700, summary: ['14,688 − 1,250 = 13,438.'] }],
    answer: '**13,438** boxes',
    batchId: 'batch-a',
  }),
  makeRun({ id: 'r-err', prompt: 'Disconnect please', status: 'error', error: 'The connection dropped mid-stream', startedAt: T + 1000, endedAt: T + 2000, latencyMs: 1000, model: 'other-model' }),
  makeRun({ id: 'r-ok', prompt: 'What is 17 × 24?', startedAt: T + 3000, endedAt: T + 7000 }),
];

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <RunsPage />
    </QueryClientProvider>,
  );
}

beforeAll(stubResizeObserver);

beforeEach(async () => {
  const existing = await listRuns();
  await deleteRuns(existing.map((r) => r.id));
  await importRuns(structuredClone(seed));
  useRunsUi.setState({ filters: EMPTY_FILTERS, allSelected: false, selected: new Set(), openRunId: null });
  useBatch.setState({ status: 'idle', progress: undefined, summary: undefined, batchId: undefined });
  useHandoff.setState({ planner: null });
  useSettings.getState().reset();
  vi.mocked(downloadText).mockClear();
  vi.mocked(downloadBlob).mockClear();
  window.location.hash = '#/runs';
});

afterEach(() => vi.useRealTimers());

const count = () => screen.getByTestId('runs-count');
const table = () => screen.getByRole('table', { name: '' }) ?? screen.getAllByRole('table')[0];
const rows = () => within(document.querySelector('.runs-table tbody') as HTMLElement).queryAllByRole('row');

describe('RunsPage: stored runs', () => {
  it('lists the stored runs (TanStack Query) and filters them by status, model, batch and date', async () => {
    const user = userEvent.setup();
    renderPage();
    await waitFor(() => expect(count()).toHaveTextContent('3 runs stored · 3 shown · 0 selected'));
    expect(rows().map((r) => within(r).getByRole('button').textContent)).toEqual(['What is 17 × 24?', 'Disconnect please', 'Arithmetic slip: warehouse boxes']);
    await user.selectOptions(screen.getByLabelText('Status'), 'error');
    expect(count()).toHaveTextContent('1 shown');
    await user.selectOptions(screen.getByLabelText('Status'), '');
    await user.selectOptions(screen.getByLabelText('Model'), 'other-model');
    expect(rows()).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await user.selectOptions(screen.getByLabelText('Batch'), 'batch-a');
    expect(count()).toHaveTextContent('1 shown');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await user.type(screen.getByLabelText('From'), '2025-01-16');
    expect(count()).toHaveTextContent('0 shown');
    expect(screen.getByText('No stored run matches these filters.')).toBeInTheDocument();
    expect(table()).toBeInTheDocument();
  }, 15_000);

  it('opens a run and replays it instantly, then with its original timing', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Arithmetic slip: warehouse boxes' }));
    const replay = screen.getByRole('region', { name: 'Replay' });
    const steps = within(replay).getByRole('list', { name: 'Steps' });
    expect(within(steps).getAllByRole('listitem')).toHaveLength(3);
    expect(steps).toHaveTextContent('408 × 36 = 14,588 boxes.');
    expect(within(replay).getByText(/Error \(arithmetic\): step 2: 408 × 36 is 14,688/)).toBeInTheDocument();
    expect(within(replay).getByRole('list', { name: 'Checkpoints' })).toHaveTextContent('Checkpoint 1');
    expect(within(replay).getByRole('region', { name: 'Answer' })).toHaveTextContent('13,438 boxes');

    await user.click(within(replay).getByRole('button', { name: 'Replay with original timing' }));
    expect(within(replay).getByText(/^Replaying · 0:00/)).toBeInTheDocument();
    expect(within(replay).queryByRole('region', { name: 'Answer' })).toHaveTextContent('The answer appears here.');
    await waitFor(() => expect(within(replay).getByText(/^Showing all · 0:00.9 of 0:00.9/)).toBeInTheDocument(), { timeout: 3000 });
    expect(within(replay).getByRole('region', { name: 'Answer' })).toHaveTextContent('13,438 boxes');
    await user.click(within(replay).getByRole('button', { name: 'Close replay' }));
    expect(screen.queryByRole('region', { name: 'Replay' })).not.toBeInTheDocument();
  });

  it('exports the selected runs as JSONL, deletes them, and imports the file back exactly', async () => {
    const user = userEvent.setup();
    renderPage();
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.getByRole('button', { name: 'Export selected' })).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
    expect(count()).toHaveTextContent('3 selected');
    await user.click(screen.getByRole('button', { name: 'Export selected' }));
    await waitFor(() => expect(vi.mocked(downloadBlob)).toHaveBeenCalled());
    const [filename, blob] = vi.mocked(downloadBlob).mock.calls[0];
    expect(filename).toMatch(/^reasoning-runs-\d{4}-\d{2}-\d{2}\.jsonl$/);
    expect(blob.type).toMatch(/^application\/x-ndjson/);
    const text = await blob.text();
    const before = await listRuns();
    expect(text).toBe(runsToJsonl(before));

    await user.click(screen.getByRole('button', { name: 'Delete selected' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete 3' }));
    await waitFor(() => expect(count()).toHaveTextContent('0 runs stored'));
    expect(await listRuns()).toEqual([]);
    expect(screen.getByRole('status')).toHaveTextContent('Deleted 3 runs.');

    await user.upload(screen.getByLabelText('Import runs'), new File([text], 'export.jsonl', { type: 'application/x-ndjson' }));
    await waitFor(() => expect(count()).toHaveTextContent('3 runs stored'));
    expect(screen.getByText(/Imported 3 runs from export.jsonl \(3 new, 0 replaced\)/)).toBeInTheDocument();
    expect(await listRuns()).toEqual(before);
    expect(runsToJsonl(await listRuns())).toBe(text);
  });

  it('imports the valid lines of a malformed file and lists the rest by line', async () => {
    const user = userEvent.setup();
    renderPage();
    await waitFor(() => expect(rows()).toHaveLength(3));
    const good = JSON.stringify(makeRun({ id: 'imported-1', prompt: 'Imported run' }));
    const file = [good, '{"schema":1,"id":"x"', '', JSON.stringify({ ...makeRun({ id: 'bad' }), status: 'weird' }), 'hello'].join('\n');
    await user.upload(screen.getByLabelText('Import runs'), new File([file], 'mixed.jsonl'));
    await waitFor(() => expect(count()).toHaveTextContent('4 runs stored'));
    expect(screen.getByText(/Imported 1 run from mixed.jsonl \(1 new, 0 replaced\)\. 3 lines skipped:/)).toBeInTheDocument();
    const skipped = screen.getByRole('list', { name: 'Skipped lines' });
    expect(within(skipped).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Line 2: not valid JSON/),
      expect.stringMatching(/^Line 4: status must be one of/),
      expect.stringMatching(/^Line 5: not valid JSON/),
    ]);
  });

  it('hands the selection to the capacity planner and navigates there', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('checkbox', { name: /Select run: What is 17/ }));
    await user.click(screen.getByRole('checkbox', { name: /Select run: Disconnect/ }));
    await user.click(screen.getByRole('button', { name: 'Open in capacity planner' }));
    expect(window.location.hash).toBe('#/planner');
    const handoff = useHandoff.getState().planner!;
    expect(handoff.runCount).toBe(2);
    expect(handoff.text).toBe(runsToJsonl(seed.filter((r) => r.id !== 'r-slip').reverse()));
  });
});

describe('RunsPage: monitoring', () => {
  it('shows every metric with its definition and trend, the scatter caption and the breakpoint', async () => {
    const user = userEvent.setup();
    renderPage();
    const monitoring = screen.getByRole('region', { name: 'Monitoring' });
    await waitFor(() => expect(within(monitoring).getByText(/Over all 3 runs shown/)).toBeInTheDocument());
    for (const info of Object.values(METRIC_INFO)) {
      const name = within(monitoring).getByText(info.label);
      expect(name).toHaveAccessibleDescription(info.definition);
      expect(within(monitoring).getByRole('img', { name: (n) => n.startsWith(`${info.label} over time`) })).toBeInTheDocument();
    }
    const row = (label: string) => within(monitoring).getByText(label).closest('tr') as HTMLElement;
    expect(row('Error rate')).toHaveTextContent(/33\.3 %/);
    expect(row('Latency p50')).toHaveTextContent('2.45 s');
    expect(within(monitoring).getByText(/Reasoning length vs latency · Pearson .* · Spearman .* · 2 runs/)).toBeInTheDocument();
    expect(screen.getByTestId('breakpoint')).toHaveTextContent(/No breakpoint\. Insufficient data: 3 rows \(a rough estimate needs at least 30, the full analysis 200\)\. \(3 runs, 0 timed out\.\) About 27 more runs would allow a rough estimate/);
    // Over the selection only.
    await user.click(screen.getByRole('checkbox', { name: /Select run: Disconnect/ }));
    expect(within(monitoring).getByText('Over the 1 selected run.')).toBeInTheDocument();
    expect(row('Error rate')).toHaveTextContent(/100\.0 %/);
  });
});

describe('RunsPage: batch runner', () => {
  it('explains the input, runs a demo batch to completion with progress, and stores the runs', async () => {
    const user = userEvent.setup();
    renderPage();
    await waitFor(() => expect(rows()).toHaveLength(3));
    const queries = screen.getByLabelText('Queries');
    await user.click(queries);
    await user.paste('Quick: 1 + 1?\n\nQuick: 2 + 2?\nQuick: 1 + 1?\nStall: a train covers 180 km in 2.5 hours\n');
    await waitFor(() => expect(screen.getByText(/3 queries\. 1 empty line skipped\. 1 duplicate removed/)).toBeInTheDocument());
    await user.clear(screen.getByLabelText('Concurrency'));
    await user.type(screen.getByLabelText('Concurrency'), '3');
    await user.clear(screen.getByLabelText('Timeout (s)'));
    await user.type(screen.getByLabelText('Timeout (s)'), '1');
    // Real demo timing here (the stall must outlast the real timeout); simulated timing is tested on its own.
    await user.click(screen.getByLabelText('Simulated timing'));
    await user.clear(screen.getByLabelText('Demo token rate (tokens/s)'));
    await user.type(screen.getByLabelText('Demo token rate (tokens/s)'), '20000');
    expect(screen.getByLabelText('Repeats')).toHaveValue(1);
    expect(screen.getByRole('button', { name: 'Cancel batch' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Run batch' }));
    const bar = await screen.findByRole('progressbar', { name: 'Batch progress' });
    expect(bar).toHaveAttribute('max', '3');
    await waitFor(() => expect(screen.getByText(/— finished in/)).toBeInTheDocument(), { timeout: 8000 });
    expect(bar).toHaveAttribute('value', '3');
    expect(screen.getByText('done 2')).toBeInTheDocument();
    expect(screen.getByText('failed 0')).toBeInTheDocument();
    expect(screen.getByText('timed out 1')).toBeInTheDocument();
    await waitFor(() => expect(count()).toHaveTextContent('6 runs stored'));
    const batchId = useBatch.getState().batchId!;
    const stored = (await listRuns()).filter((r) => r.batchId === batchId);
    expect(stored).toHaveLength(3);
    expect(stored.find((r) => r.prompt.startsWith('Stall'))).toMatchObject({ status: 'error', timedOut: true });
    expect(screen.getByRole('button', { name: 'Run batch' })).toBeEnabled();
  }, 15_000);

  it('clamps concurrency to 1–16 and refuses an oversized query with a message', async () => {
    const user = userEvent.setup();
    renderPage();
    const queries = screen.getByLabelText('Queries');
    await user.click(queries);
    await user.paste(`ok query\n${'y'.repeat(100 * 1024)}`);
    await waitFor(() => expect(screen.getByRole('list', { name: 'Skipped queries' })).toHaveTextContent(/Line 2: 102,400 characters, over the 32,000-character limit/));
    await user.clear(screen.getByLabelText('Concurrency'));
    await user.type(screen.getByLabelText('Concurrency'), '40');
    expect(screen.getByText('at most 16')).toBeInTheDocument();
    act(() => useSettings.getState().update({ provider: 'openai-compatible' }));
    expect(screen.queryByLabelText('Demo token rate (tokens/s)')).not.toBeInTheDocument();
    expect(screen.getByText(/OpenAI-compatible/)).toBeInTheDocument();
  });
});
