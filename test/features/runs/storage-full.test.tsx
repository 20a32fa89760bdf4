import 'fake-indexeddb/auto';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { parseRunsJsonl } from '../../../src/core/stored-runs';
import { RunsPage } from '../../../src/features/runs/RunsPage';
import { downloadText } from '../../../src/lib/download';
import { StorageFullError, saveRun } from '../../../src/storage';

vi.mock('../../../src/lib/download', () => ({ downloadText: vi.fn() }));
// The browser refuses every write (quota); reads work.
vi.mock('../../../src/storage', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/storage')>();
  const quota = () => Promise.reject(new actual.StorageFullError(new DOMException('The quota has been exceeded.', 'QuotaExceededError')));
  return { ...actual, saveRun: vi.fn(quota), importRuns: vi.fn(quota) };
});

describe('RunsPage when storage is full', () => {
  it('says so, keeps the batch runs in memory and offers their export', async () => {
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <RunsPage />
      </QueryClientProvider>,
    );
    await user.click(screen.getByLabelText('Queries'));
    await user.paste('Quick: 5 + 5?\nQuick: 6 + 6?');
    // Real demo timing here (the stall must outlast the real timeout); simulated timing is tested on its own.
    await user.click(screen.getByLabelText('Simulated timing'));
    await user.clear(screen.getByLabelText('Demo token rate (tokens/s)'));
    await user.type(screen.getByLabelText('Demo token rate (tokens/s)'), '20000');
    await user.click(screen.getByRole('button', { name: 'Run batch' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/The browser refused to store more \(quota\)\. Export your runs/);
    expect(alert).toHaveTextContent(/kept in memory/);
    await waitFor(() => expect(screen.getByText(/— finished in/)).toBeInTheDocument(), { timeout: 8000 });
    expect(screen.getByText('done 2')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Export batch results' }));
    const [, text] = vi.mocked(downloadText).mock.calls[0];
    const { runs, errors } = parseRunsJsonl(text);
    expect(errors).toEqual([]);
    expect(runs.map((r) => r.prompt).sort()).toEqual(['Quick: 5 + 5?', 'Quick: 6 + 6?']);
    expect(runs.every((r) => r.status === 'done')).toBe(true);
    // The runs above come from memory: every save was tried and refused with the quota error.
    const saves = vi.mocked(saveRun).mock.results;
    expect(saves.length).toBeGreaterThanOrEqual(2);
    for (const save of saves) await expect(save.value).rejects.toBeInstanceOf(StorageFullError);
  }, 15_000);

  it('reports a refused import without losing the file', async () => {
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <RunsPage />
      </QueryClientProvider>,
    );
    const line = JSON.stringify({ schema: 1, id: 'q1', prompt: 'p', provider: 'demo', baseUrl: '', model: 'm', settings: { stepMode: 'paragraph' }, status: 'done', startedAt: 1, timedOut: false, stopped: false, steps: [], reasoningKind: 'raw', answer: 'a', reasoningTokens: 0, reasoningTokensSource: 'estimate', tier: 'short', findings: [], checkpoints: [] });
    await user.upload(await screen.findByLabelText('Import runs'), new File([line], 'runs.jsonl'));
    expect(await screen.findByText(/Nothing imported from runs.jsonl: The browser refused to store more \(quota\)/)).toBeInTheDocument();
  });
});
