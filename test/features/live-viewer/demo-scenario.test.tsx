import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { SCENARIOS, getScenario } from '../../../src/core/demo/scenarios';
import { EXAMPLE_QUESTION } from '../../../src/core/demo/example-chains';
import { DemoRunNote, DemoScenarioPicker } from '../../../src/features/live-viewer/DemoScenarioPicker';
import { useLiveRun } from '../../../src/features/live-viewer/run-store';
import type { RunView } from '../../../src/lib/run-engine';
import { useSettings } from '../../../src/lib/settings';

beforeEach(() => {
  useSettings.getState().reset();
  useSettings.getState().update({ prompt: '' });
  useLiveRun.setState({ views: {}, order: [], viewedId: null, now: 0, toasts: [] });
});

describe('the demo scenario picker', () => {
  it('offers every scenario; choosing one fills in its example prompt and describes it', async () => {
    const user = userEvent.setup();
    render(<DemoScenarioPicker />);
    const picker = screen.getByLabelText('Demo scenario');
    expect([...(picker as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(['Your own prompt', ...SCENARIOS.map((s) => s.title)]);
    await user.selectOptions(picker, 'stall');
    expect(useSettings.getState().prompt).toBe(getScenario('stall').prompt);
    await waitFor(() => expect(picker).toHaveAccessibleDescription(getScenario('stall').description));
  });

  it('says what a free-form prompt will get, before it runs', async () => {
    render(<DemoScenarioPicker />);
    act(() => useSettings.getState().update({ prompt: 'What is the capital of France?' }));
    const picker = screen.getByLabelText('Demo scenario');
    expect(picker).toHaveValue('');
    await waitFor(() => expect(picker).toHaveAccessibleDescription(`The demo has no chain for this prompt: it will play “${getScenario('short').title}” and show that scenario’s question beside its answer.`));
    act(() => useSettings.getState().update({ prompt: EXAMPLE_QUESTION }));
    await waitFor(() => expect(picker).toHaveAccessibleDescription(/own worked chain/));
  });

  it('is not there for a real provider', () => {
    useSettings.getState().update({ provider: 'openai-compatible' });
    const { container } = render(<DemoScenarioPicker />);
    expect(container).toBeEmptyDOMElement();
  });
});

describe('the run’s demo label', () => {
  const viewOf = (prompt: string) => ({ context: { id: 'r', prompt, provider: 'demo', model: 'demo-reasoner' }, run: {} }) as unknown as RunView;

  it('names the scenario, and beside the answer quotes the question it belongs to', async () => {
    useLiveRun.setState({ views: { r: viewOf('What is the capital of France?') }, viewedId: 'r' });
    render(
      <>
        <DemoRunNote variant="caption" />
        <DemoRunNote variant="answer" />
      </>,
    );
    const caption = await screen.findByTestId('demo-scenario');
    expect(caption).toHaveTextContent('Demo scenario: short answer — the demo model replays scripted chains; connect a model to ask your own question.');
    expect(caption).toHaveTextContent(`Playing: “${getScenario('short').prompt}” — not your question.`);
    expect(screen.getByTestId('demo-answer-note')).toHaveTextContent(`Playing: “${getScenario('short').prompt}” — not your question. This answer belongs to that question.`);
  });

  it('a question with its own chain: caption only, nothing beside the answer', async () => {
    useLiveRun.setState({ views: { r: viewOf(EXAMPLE_QUESTION) }, viewedId: 'r' });
    render(
      <>
        <DemoRunNote variant="caption" />
        <DemoRunNote variant="answer" />
      </>,
    );
    expect(await screen.findByTestId('demo-scenario')).toHaveTextContent('Demo scenario: this question’s own worked chain');
    expect(screen.queryByTestId('demo-answer-note')).toBeNull();
  });
});
