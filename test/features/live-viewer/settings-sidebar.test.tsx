import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SettingsSidebar } from '../../../src/features/live-viewer/SettingsSidebar';
import { DEFAULT_SETTINGS, useSettings } from '../../../src/lib/settings';

function renderSidebar() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <div className="viewer">
        <div className="main-column">
          <label>
            Prompt <textarea />
          </label>
        </div>
        <SettingsSidebar live={false} />
      </div>
    </QueryClientProvider>,
  );
}

/** A matchMedia that answers `matches` for every query. */
function mockMatchMedia(matches: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({ matches, media: query, addEventListener: () => {}, removeEventListener: () => {} }));
}

beforeEach(() => {
  useSettings.setState({ ...DEFAULT_SETTINGS });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('SettingsSidebar on a wide screen', () => {
  beforeEach(() => mockMatchMedia(false));

  it('shows the model and the three verification settings, with the rest under a closed More settings', () => {
    renderSidebar();
    for (const label of ['Provider', 'Demo token rate (tokens/s)', 'Verify interval', 'On a failed verification', 'Checkpoint every']) {
      expect(screen.getByLabelText(label)).toBeVisible();
    }
    const more = screen.getByText('More settings').closest('details')!;
    expect(more.open).toBe(false);
    // Every other setting is still there, inside More settings.
    for (const label of ['Max tokens', 'Split steps by', 'Step timeout (s)', 'Stall timeout (s)', 'Delivery pattern', 'Checkpoint summary', 'Embedding', 'Endpoint URL', 'Model']) {
      expect(more.contains(screen.getByLabelText(label)), label).toBe(true);
    }
    expect(screen.queryByRole('button', { name: 'Settings' })).toBeNull();
  });

  it('writes the essential settings to the store', async () => {
    renderSidebar();
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('On a failed verification'), 'pause');
    expect(useSettings.getState().policy).toBe('pause');
    const interval = screen.getByLabelText('Verify interval');
    await user.tripleClick(interval);
    await user.keyboard('5');
    await user.tab();
    expect(useSettings.getState().verifyInterval).toBe(5);
  });

  it('shows a real endpoint’s address, model and key first, not under More settings', async () => {
    useSettings.getState().update({ provider: 'openai-compatible' });
    renderSidebar();
    const more = screen.getByText('More settings').closest('details')!;
    for (const label of ['Endpoint URL', 'Model', 'API key']) {
      expect(more.contains(screen.getByLabelText(label)), label).toBe(false);
    }
    expect(screen.queryByLabelText('Demo token rate (tokens/s)')).toBeNull();
    expect(more.contains(screen.getByLabelText('Reasoning effort'))).toBe(true);
  });
});

describe('SettingsSidebar on a narrow screen', () => {
  beforeEach(() => mockMatchMedia(true));

  it('is a drawer, closed at first; the button opens it and Escape closes it without reaching the page', async () => {
    const pageEscape = vi.fn();
    window.addEventListener('keydown', pageEscape);
    renderSidebar();
    const user = userEvent.setup();
    const toggle = screen.getByRole('button', { name: 'Settings' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByLabelText('Provider')).not.toBeVisible();

    await user.click(toggle);
    const drawer = screen.getByRole('dialog', { name: 'Settings' });
    expect(within(drawer).getByLabelText('Provider')).toBeVisible();
    expect(drawer.contains(document.activeElement)).toBe(true);
    expect((document.querySelector('.main-column') as HTMLElement).inert).toBe(true);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull();
    expect(screen.getByLabelText('Provider')).not.toBeVisible();
    expect(toggle).toHaveFocus();
    expect((document.querySelector('.main-column') as HTMLElement).inert).toBe(false);
    expect(pageEscape).not.toHaveBeenCalled();
    window.removeEventListener('keydown', pageEscape);
  });

  it('closes with its Close button too', async () => {
    renderSidebar();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.getByRole('button', { name: 'Settings' })).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByLabelText('Verify interval')).not.toBeVisible();
  });
});
