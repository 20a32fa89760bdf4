import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/verify';
import { useLiveRun } from '../../../src/features/live-viewer/run-store';
import { ThinkingBlock } from '../../../src/features/live-viewer/ThinkingBlock';
import { recordThinkingMs, thinkingLabel, thoughtDuration } from '../../../src/features/live-viewer/thinking-label';
import { giveStepsALayout, makeView, showView, T0 } from './view-fixture';

const STEPS = ['There are 24 rows of 17 pallets.', 'So 17 × 24 = 418 pallets.', 'Wait, 17 × 24 = 408, not 418.'];
const slip: Finding = { step: 1, kind: 'arithmetic', severity: 'error', message: 'step 2: 17 × 24 = 418, exact 408', evidence: { expression: '17 × 24', stated: '418', exact: '408', relation: '=', source: 'text' } };
const marker: Finding = { step: 2, kind: 'self-correction', severity: 'note', message: 'step 3: self-correction marker “Wait,”', evidence: { markers: ['Wait,'] } };

const toggle = () => within(screen.getByRole('region', { name: 'Reasoning' })).getByRole('button', { name: /^(Thought for|Thinking…)/ });
const stepItems = () => within(screen.getByRole('region', { name: 'Reasoning' })).queryAllByRole('listitem');

beforeAll(giveStepsALayout);
beforeEach(() => useLiveRun.setState({ views: {}, order: [], viewedId: null, thinkingOpen: {}, focusStep: undefined }));

describe('the thinking block', () => {
  it('is open while the model thinks, with a live count', () => {
    const now = T0 + 2300;
    showView(makeView({ status: 'streaming', stepTexts: STEPS.slice(0, 2), tail: 'Wait, 17', reasoningStartedAt: T0 + 200, firstTokenAt: T0 + 200, lastEventAt: now }), now);
    render(<ThinkingBlock />);
    const button = screen.getByRole('button', { name: /^Thinking… 2\.3 s$/ });
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(stepItems()).toHaveLength(2);
  });

  it('closes once the answer is in, says "Thought for N s", and opens by mouse and by keyboard', async () => {
    const user = userEvent.setup();
    // Reasoning ended 2.6 s after the request: people read that as 3 s.
    showView(makeView({ status: 'done', stepTexts: STEPS, answer: '**408** pallets', reasoningStartedAt: T0 + 200, reasoningEndedAt: T0 + 2600, endedAt: T0 + 3000 }, { findings: [slip, marker] }));
    render(<ThinkingBlock />);
    const button = screen.getByRole('button', { name: 'Thought for 3 s' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(stepItems()).toHaveLength(0);
    // The closed block still says what it holds.
    expect(screen.getByText('3 steps · 1 flagged · 1 self-correction')).toBeInTheDocument();

    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(stepItems()).toHaveLength(3);
    expect(stepItems()[1]).toHaveTextContent('Verification warning: step 2 may be problematic — 17 × 24 = 418, exact 408');

    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'false');
    button.focus();
    await user.keyboard('{Enter}');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard(' ');
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  it("stays as the reader left it when a new publish arrives, and opens for next/previous warning", async () => {
    const user = userEvent.setup();
    const view = makeView({ status: 'done', stepTexts: STEPS, answer: '408', reasoningEndedAt: T0 + 1000, endedAt: T0 + 1200 }, { findings: [slip] });
    showView(view);
    render(<ThinkingBlock />);
    await user.click(toggle());
    act(() => useLiveRun.setState({ views: { [view.context.id]: { ...view } }, now: T0 + 9000 }));
    expect(toggle()).toHaveAttribute('aria-expanded', 'true');
    await user.click(toggle());
    expect(toggle()).toHaveAttribute('aria-expanded', 'false');
    act(() => useLiveRun.setState({ focusStep: { index: 1, nonce: 1 } }));
    expect(toggle()).toHaveAttribute('aria-expanded', 'true');
  });

  it('stays open after a failure: what streamed is all there is', () => {
    showView(makeView({ status: 'error', error: 'The connection dropped', stepTexts: STEPS, reasoningEndedAt: T0 + 900, endedAt: T0 + 900 }));
    render(<ThinkingBlock />);
    expect(toggle()).toHaveAttribute('aria-expanded', 'true');
    expect(stepItems()).toHaveLength(3);
  });

  it('marks a self-correction at its step, neutral and without lowering the score', async () => {
    showView(makeView({ status: 'error', stepTexts: STEPS, endedAt: T0 + 900 }, { findings: [marker], stepScores: [1, 1, 1] }));
    render(<ThinkingBlock />);
    const step3 = stepItems()[2];
    expect(step3).toHaveTextContent('Self-correction: “Wait,”');
    expect(within(step3).queryByText(/^Note/)).toBeNull();
    const score = within(step3).getByText('1.00');
    expect(score).not.toHaveClass('step-score-low');
  });

  it('marks the step the stream broke off in as cut off, without a score', () => {
    showView(makeView({ status: 'error', error: 'The stream ended without its end-of-stream marker', stepTexts: [...STEPS, 'Year 2: the interest is 5,2'], cutOffStep: 3, endedAt: T0 + 900 }, { stepScores: [1, 1, 1] }));
    render(<ThinkingBlock />);
    const last = stepItems()[3];
    expect(last).toHaveTextContent('cut off — the stream ended mid-step');
    expect(within(last).queryByText(/^\d\.\d\d$/)).toBeNull();
    expect(within(stepItems()[0]).getByText('1.00')).toBeInTheDocument();
  });

  it('in synchronous delivery shows neither steps nor a count until the response is complete', () => {
    showView(makeView({ status: 'streaming', stepTexts: STEPS, reasoningStartedAt: T0 + 100, lastEventAt: T0 + 2000 }, { deliveryPattern: 'sync' }), T0 + 2000);
    render(<ThinkingBlock />);
    expect(screen.getByText(/Synchronous delivery: the reasoning and answer appear together/)).toBeInTheDocument();
    expect(stepItems()).toHaveLength(0);
    expect(screen.queryByText(/Thinking…/)).toBeNull();
  });
});

describe('thinking labels', () => {
  it('rounds to whole seconds, at least 1, minutes past a minute', () => {
    expect(thoughtDuration(80)).toBe('1 s');
    expect(thoughtDuration(12_400)).toBe('12 s');
    expect(thoughtDuration(75_000)).toBe('1 min 15 s');
  });

  it('a replay names the original run’s thinking time beside its own elapsed time', () => {
    const record = { startedAt: T0, steps: [{ text: 'a', startedAt: T0 + 500, completedAt: T0 + 4000 }, { text: 'b', startedAt: T0 + 4000, completedAt: T0 + 11_700 }] };
    expect(recordThinkingMs(record)).toBe(11_700);
    const replay = makeView({ status: 'done', startedAt: T0 + 60_000, reasoningEndedAt: T0 + 60_080, endedAt: T0 + 60_120, stepTexts: ['a', 'b'], answer: 'x' }).run;
    expect(thinkingLabel(replay, T0 + 70_000, recordThinkingMs(record)).text).toBe('Thought for 12 s (original run) · replayed in 0.1 s');
    expect(thinkingLabel(replay, T0 + 70_000).text).toBe('Thought for 1 s');
  });
});
