import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { File as NodeFile } from 'node:buffer';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import PlannerPage from '../../../src/features/capacity-planner/PlannerPage';
import { breakpointHeadline } from '../../../src/features/capacity-planner/BreakpointPanel';
import { toCsv } from '../../../src/features/capacity-planner/chart-export';
import { resetPlannerForTests, usePlanner } from '../../../src/features/capacity-planner/planner-store';
import { sendToPlanner } from '../../../src/lib/handoff';
import { stubResizeObserver } from '../../support/resize-observer';

const root = join(__dirname, '..', '..', '..');
const sampleText = (name: string) => readFileSync(join(root, 'public', 'samples', name));
// Node's File has .stream(), which the parser reads (jsdom's does not); without Worker in jsdom
// the parse and the analysis run in-thread through the same handlers.
const nodeFile = (data: string | Uint8Array, name: string) => new NodeFile([data as string], name) as unknown as File;

function upload(files: File[]) {
  const input = screen.getByLabelText('Upload logs') as HTMLInputElement;
  fireEvent.change(input, { target: { files } });
}

beforeAll(stubResizeObserver);

afterEach(() => {
  resetPlannerForTests();
  vi.restoreAllMocks();
});

describe('capacity planner page', () => {
  it('parses an uploaded log and shows the breakpoint summary, counts and format', async () => {
    render(<PlannerPage />);
    upload([nodeFile(sampleText('reasoning-requests.jsonl'), 'reasoning-requests.jsonl')]);
    expect(await screen.findByText(/^Latency breakpoint: 43\.\d steps \(95 % interval 4\d\.\d–4\d\.\d\)$/, {}, { timeout: 10_000 })).toBeInTheDocument();
    const report = screen.getByRole('region', { name: 'reasoning-requests.jsonl' });
    expect(within(report).getByText(/^Generic request log \(jsonl\) ·/)).toBeInTheDocument();
    expect(within(report).getByText('Steps: from the column "steps".')).toBeInTheDocument();
    expect(within(report).getByText(/2,696 ok · 29 failed · 218 timed out · 44 truncated · 13 censored/)).toBeInTheDocument();
    const counts = screen.getByRole('region', { name: 'Request counts' });
    expect(counts).toHaveTextContent('3,000 requests');
    expect(counts).toHaveTextContent(/Not analysed: 42/);
    expect(screen.getByText(/Mechanistic estimate/)).toBeInTheDocument();
    expect(screen.getByText(/Segmented regression/)).toBeInTheDocument();
    expect(screen.getByText(/linear-interpolated between the sorted values \(numpy's default/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Logs too big for a browser?' })).toHaveAttribute('href', expect.stringContaining('warehouse-sql'));
    const tiers = screen.getByRole('region', { name: 'Latency tiers' });
    expect(within(tiers).getByText('Short (< 5 steps)')).toBeInTheDocument();
  });

  it('updates the results live when a setting changes (debounced)', async () => {
    render(<PlannerPage />);
    upload([nodeFile(sampleText('reasoning-requests.jsonl'), 'reasoning-requests.jsonl')]);
    const plan = await screen.findByRole('region', { name: 'Plan capacity' }, { timeout: 10_000 });
    expect(plan).toHaveTextContent('meet the 30 s target p95');
    fireEvent.change(screen.getByLabelText('Target p95 (s)'), { target: { value: '60' } });
    // The input follows at once; the analysis after the debounce.
    expect(screen.getByLabelText('Target p95 (s)')).toHaveValue(60);
    await waitFor(() => expect(screen.getByRole('region', { name: 'Plan capacity' })).toHaveTextContent('meet the 60 s target p95'));
    fireEvent.change(screen.getByLabelText('Short: fewer than (steps)'), { target: { value: '8' } });
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Latency tiers' })).getByText('Short (< 8 steps)')).toBeInTheDocument());
    // An invalid entry is flagged and not applied.
    fireEvent.change(screen.getByLabelText('Concurrency per instance'), { target: { value: '0' } });
    expect(screen.getByText(/Enter a number ≥ 1/)).toBeInTheDocument();
    expect(usePlanner.getState().settings.concurrency).toBe(8);
  });

  it('shows bad input clearly: binary garbage and half-malformed lines, with counts and line numbers', async () => {
    render(<PlannerPage />);
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const half = ['{"steps":3,"latency_ms":1000}', '{bad json', '{"steps":5,"latency_ms":2000}', 'not json at all', ''].join('\n');
    upload([nodeFile(garbage, 'garbage.bin'), nodeFile(half, 'half.jsonl')]);
    const bad = await screen.findByRole('region', { name: 'garbage.bin' }, { timeout: 10_000 });
    expect(await within(bad).findByRole('alert')).toHaveTextContent(/not a text log/);
    const halfReport = screen.getByRole('region', { name: 'half.jsonl' });
    await waitFor(() => expect(within(halfReport).getByRole('status', { name: 'Problems in half.jsonl' })).toHaveTextContent('2 malformed records skipped (lines 2, 4).'));
    expect(within(halfReport).getByText(/2 records of 4 could not be read \(lines 2, 4\)/)).toBeInTheDocument();
  });

  it('overrides a field mapping and re-parses the file', async () => {
    render(<PlannerPage />);
    upload([nodeFile(sampleText('reasoning-requests.jsonl'), 'reasoning-requests.jsonl')]);
    await screen.findByText(/^Latency breakpoint:/, {}, { timeout: 10_000 });
    const report = screen.getByRole('region', { name: 'reasoning-requests.jsonl' });
    fireEvent.change(within(report).getByLabelText('Steps column'), { target: { value: '' } });
    await waitFor(() => expect(within(report).getByText(/Steps: split from the reasoning text|Steps: reasoning tokens/)).toBeInTheDocument());
    expect(within(report).getByText(/Steps: reasoning tokens \("reasoning_tokens"\) ÷ 50 tokens per step/)).toBeInTheDocument();
    fireEvent.change(within(report).getByLabelText('Latency unit'), { target: { value: 's' } });
    await waitFor(() => expect(within(report).getByLabelText('Latency unit')).toHaveValue('s'));
    expect(within(report).getAllByText(/your choice/).length).toBeGreaterThan(0);
    fireEvent.click(within(report).getByRole('button', { name: 'Back to the detected mapping' }));
    await waitFor(() => expect(within(report).getByText('Steps: from the column "steps".')).toBeInTheDocument());
  });

  it('analyses pre-aggregated buckets', async () => {
    render(<PlannerPage />);
    upload([nodeFile(sampleText('aggregated-step-buckets.csv'), 'aggregated-step-buckets.csv')]);
    expect(await screen.findByText(/^Latency breakpoint: 4\d\.\d steps/, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByText(/25 bucket rows \(pre-aggregated\)/)).toBeInTheDocument();
    expect(screen.getByText(/From buckets: each bucket's requests spread evenly .* bucket width \(5\)/)).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Request counts' })).toHaveTextContent('3,000 requests in the buckets');
  });

  it('takes a handoff from the Runs page on mount', async () => {
    sendToPlanner({ name: 'runs.jsonl', text: sampleText('run-export.jsonl').toString('utf8'), runCount: 40 });
    const NativeFile = globalThis.File;
    // The page builds a File from the text; give it Node's (with .stream()).
    globalThis.File = NodeFile as unknown as typeof File;
    try {
      render(<PlannerPage />);
      expect(await screen.findByText('40 runs from the Runs page', { selector: '.notice' })).toBeInTheDocument();
      const report = await screen.findByRole('region', { name: 'runs.jsonl' });
      await waitFor(() => expect(within(report).getByText(/^Reasoning Viewer run export \(jsonl\) ·/)).toBeInTheDocument());
    } finally {
      globalThis.File = NativeFile;
    }
  });

  it('loads the sample relative to the page', async () => {
    const fetchMock = vi.fn(async () => ({ ok: true, status: 200, blob: async () => new NodeFile([sampleText('reasoning-requests.jsonl')], 'x') }));
    vi.stubGlobal('fetch', fetchMock);
    const NativeFile = globalThis.File;
    globalThis.File = NodeFile as unknown as typeof File;
    try {
      render(<PlannerPage />);
      await act(async () => {
        fireEvent.click(screen.getByRole('button', { name: 'Load sample' }));
      });
      expect(String((fetchMock.mock.calls[0] as unknown[])[0])).toBe(new URL('samples/reasoning-requests.jsonl', document.baseURI).href);
      expect(await screen.findByText(/^Latency breakpoint:/, {}, { timeout: 10_000 })).toBeInTheDocument();
    } finally {
      globalThis.File = NativeFile;
      vi.unstubAllGlobals();
    }
  });
});

describe('planner helpers', () => {
  it('writes RFC 4180 CSV', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y'], [NaN, 'say "hi"'], [Infinity, null]])).toBe('a,b\r\n1,"x,y"\r\n,"say ""hi"""\r\nInfinity,\r\n');
  });

  it('words the breakpoint verdict', () => {
    const base = { basis: 'steps', analysed: 10, breakpointNote: undefined } as const;
    expect(breakpointHeadline({ ...base, breakpoint: { status: 'found', breakpoint: 43.46, interval: [42.7, 44.2], reason: '' } } as never)).toBe('Latency breakpoint: 43.5 steps (95 % interval 42.7–44.2)');
    expect(breakpointHeadline({ ...base, breakpoint: { status: 'too-few-timeouts', breakpoint: null, interval: null, reason: 'Insufficient data: 3 timeouts (need at least 10).' } } as never)).toBe(
      'No breakpoint: insufficient data: 3 timeouts (need at least 10).',
    );
    expect(breakpointHeadline({ ...base, breakpoint: null, breakpointNote: 'No breakpoint: the buckets have no timeout counts.' } as never)).toBe('No breakpoint: the buckets have no timeout counts.');
  });
});
