import 'fake-indexeddb/auto';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { LiveViewerPage } from '../../../src/features/live-viewer/LiveViewerPage';
import { useLiveRun } from '../../../src/features/live-viewer/run-store';
import { DEFAULT_SETTINGS, useSettings } from '../../../src/lib/settings';

function renderPage() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <LiveViewerPage />
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  useLiveRun.setState({ views: {}, order: [], viewedId: null, thinkingOpen: {}, focusStep: undefined });
  useSettings.setState({ ...DEFAULT_SETTINGS });
});

describe('the live viewer page', () => {
  it('Run with an empty prompt says "Type a question first", focuses the prompt and starts nothing', async () => {
    const user = userEvent.setup();
    renderPage();
    const prompt = screen.getByLabelText('Prompt');
    await user.type(prompt, '   ');
    await user.click(screen.getByRole('button', { name: /^Run$/ }));
    expect(screen.getByTestId('prompt-note')).toHaveTextContent('Type a question first.');
    expect(prompt).toHaveFocus();
    expect(prompt).toHaveAccessibleDescription('Type a question first.');
    expect(useLiveRun.getState().viewedId).toBeNull();
    // Typing clears the note.
    await user.type(prompt, 'What is 2 + 2?');
    expect(screen.getByTestId('prompt-note')).toHaveTextContent('');
  });

  it('Ctrl+Enter with an empty prompt says the same', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(screen.getByLabelText('Prompt'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(screen.getByTestId('prompt-note')).toHaveTextContent('Type a question first.');
    expect(useLiveRun.getState().viewedId).toBeNull();
  });
});
