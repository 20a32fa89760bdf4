import 'fake-indexeddb/auto';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/verify';
import { AnswerPanel } from '../../../src/features/live-viewer/AnswerPanel';
import { runFinished, startRun } from '../../../src/features/live-viewer/run-controller';
import { useLiveRun } from '../../../src/features/live-viewer/run-store';
import { MetricsBar, StatusLine } from '../../../src/features/live-viewer/RunStatus';
import { ThinkingBlock } from '../../../src/features/live-viewer/ThinkingBlock';
import { VerificationBar } from '../../../src/features/live-viewer/VerificationBar';
import { DEFAULT_SETTINGS, useSettings } from '../../../src/lib/settings';
import { giveStepsALayout, makeView, showView, T0 } from './view-fixture';

function RunParts() {
  return (
    <>
      <StatusLine />
      <MetricsBar />
      <VerificationBar />
      <ThinkingBlock />
      <AnswerPanel />
    </>
  );
}

const countText = (text: string) => document.body.textContent!.split(text).length - 1;

beforeAll(giveStepsALayout);
beforeEach(() => {
  useLiveRun.setState({ views: {}, order: [], viewedId: null, thinkingOpen: {}, focusStep: undefined });
  useSettings.setState({ ...DEFAULT_SETTINGS });
});

describe('status, metrics and verification', () => {
  it('synchronous delivery waits for the full response: no live counters, no steps', () => {
    showView(makeView({ status: 'streaming', stepTexts: ['One.', 'Two.'], tail: 'Thr', reasoningStartedAt: T0 + 100, firstTokenAt: T0 + 100, lastEventAt: T0 + 1500 }, { deliveryPattern: 'sync' }), T0 + 1500);
    render(<RunParts />);
    expect(screen.getByRole('status')).toHaveTextContent('Waiting for the full response…');
    expect(screen.getByRole('status')).not.toHaveTextContent('Streaming');
    for (const counter of ['Elapsed', 'Tokens/s', 'Steps', 'Tier', 'Verification']) expect(screen.queryByText(counter)).toBeNull();
    expect(screen.queryAllByRole('listitem')).toHaveLength(0);
    expect(within(screen.getByRole('region', { name: 'Answer' })).getByText('The answer arrives with the full response.')).toBeInTheDocument();
  });

  it('once the synchronous response is in, everything shows', () => {
    showView(makeView({ status: 'done', stepTexts: ['One.', 'Two.'], answer: 'Three', reasoningEndedAt: T0 + 1000, endedAt: T0 + 1200 }, { deliveryPattern: 'sync' }));
    render(<RunParts />);
    expect(screen.getByRole('status')).toHaveTextContent('Done');
    expect(screen.getByText('Elapsed')).toBeInTheDocument();
    expect(screen.getByText('Three')).toBeInTheDocument();
  });

  it('a pause by the policy is said once, with Resume', () => {
    const note = 'Paused by the verification policy at step 2: step 2: 17 × 24 = 418, exact 408. Resume to continue.';
    showView(makeView({ status: 'streaming', stepTexts: ['a', 'b'], lastEventAt: T0 + 900 }, { paused: true, policyNote: note }), T0 + 900);
    render(<RunParts />);
    expect(countText(note)).toBe(1);
    expect(countText('Paused')).toBe(1);
    expect(screen.getAllByRole('button', { name: 'Resume' })).toHaveLength(1);
  });

  it('a stop by the policy is said once', () => {
    const note = 'Stopped by the verification policy at step 2: step 2: 17 × 24 = 418, exact 408.';
    showView(makeView({ status: 'stopped', stepTexts: ['a', 'b'], endedAt: T0 + 900 }, { policyNote: note }));
    render(<RunParts />);
    expect(countText('Stopped')).toBe(1);
    expect(screen.getByRole('status')).toHaveTextContent(note);
  });

  it('a self-correct note stays in the verification bar', () => {
    const note = 'Asked the model to self-correct step 2 (…); continuing from there (correction 1 of 2).';
    showView(makeView({ status: 'done', stepTexts: ['a', 'b'], answer: 'x', endedAt: T0 + 900 }, { policyNote: note }));
    render(<RunParts />);
    expect(screen.getByTestId('policy-note')).toHaveTextContent(note);
    expect(countText(note)).toBe(1);
  });

  it('a failed run shows the failure, not a tier or a wait for checks', () => {
    showView(makeView({ status: 'error', error: 'HTTP 503: Mock server says 503', endedAt: T0 + 400 }, { verify: { intervals: 0, durationsMs: [], warningDelaysMs: [] } }));
    render(<RunParts />);
    expect(screen.getByRole('status')).toHaveTextContent('Error: HTTP 503: Mock server says 503');
    expect(screen.queryByText('Tier')).toBeNull();
    expect(screen.queryByTestId('tier-miss')).toBeNull();
    expect(screen.queryByText(/waiting for the first interval|checking the first steps/)).toBeNull();
  });

  it('a finished run shows its tier on one card and counts self-corrections apart from notes', () => {
    const marker: Finding = { step: 1, kind: 'self-correction', severity: 'note', message: 'step 2: self-correction marker “Wait,”', evidence: { markers: ['Wait,'] } };
    const repeat: Finding = { step: 2, kind: 'repetition', severity: 'note', message: 'step 3: repeats step 1 (similarity 0.95)', evidence: { matchedStep: 0, similarity: 0.95 } };
    showView(makeView({ status: 'done', stepTexts: ['a', 'Wait, b', 'a'], answer: 'x', endedAt: T0 + 2400 }, { findings: [marker, repeat], chainScore: 0.93, verify: { intervals: 1, durationsMs: [2], warningDelaysMs: [] } }));
    render(<RunParts />);
    // 3 steps → short tier, 2.4 s of the 5 s target.
    expect(screen.getByText('short · 2.4 s of 5 s')).toBeInTheDocument();
    expect(screen.getByTestId('self-corrections')).toHaveTextContent('self-corrections: 1');
    expect(screen.getByText(/0 errors, 0 warnings, 1 note ·/)).toBeInTheDocument();
  });
});

describe('a run that broke off, and Retry (the real controller and demo model)', () => {
  it('marks the last step cut off, does not check it, and Retry reruns the prompt with the same settings', async () => {
    const user = userEvent.setup();
    useSettings.getState().update({ demoTokensPerSecond: 5000, cacheEnabled: false, maxTokens: 4096 });
    const prompt = 'Show me a disconnect';
    const first = startRun(prompt);
    await act(() => runFinished(first));
    render(<RunParts />);
    const view = useLiveRun.getState().views[first];
    expect(view.run.status).toBe('error');
    const cut = view.run.cutOffStep;
    expect(cut).toBe(view.run.steps.length - 1);
    // The cut-off step was never verified: no score, no finding.
    await waitFor(() => expect(useLiveRun.getState().views[first].stepScores.length).toBe(cut));
    expect(useLiveRun.getState().views[first].findings.some((f) => f.step === cut)).toBe(false);
    const last = screen.getAllByRole('listitem').at(-1)!;
    expect(last).toHaveTextContent('cut off — the stream ended mid-step');
    expect(within(last).queryByText(/^\d\.\d\d$/)).toBeNull();

    // Settings change after the failure; Retry still uses the ones the run had.
    useSettings.getState().update({ maxTokens: 777 });
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    const second = useLiveRun.getState().viewedId!;
    expect(second).not.toBe(first);
    const retried = useLiveRun.getState().views[second].context;
    expect(retried.prompt).toBe(prompt);
    expect(retried.settings.maxTokens).toBe(4096);
    await act(() => runFinished(second));
  });
});
