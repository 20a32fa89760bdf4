// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_STORAGE_KEY, settingsFromQuery, shareQuery, useSettings } from '../../src/lib/settings';

describe('settings', () => {
  beforeEach(() => {
    localStorage.clear();
    useSettings.setState({ ...DEFAULT_SETTINGS });
  });

  it('persists settings but not the API key unless asked to', () => {
    useSettings.getState().update({ provider: 'openai-compatible', apiKey: 'sk-secret', maxTokens: 1234 });
    const stored = localStorage.getItem(SETTINGS_STORAGE_KEY) ?? '';
    expect(stored).toContain('1234');
    expect(stored).not.toContain('sk-secret');
    useSettings.getState().update({ rememberApiKey: true });
    expect(localStorage.getItem(SETTINGS_STORAGE_KEY)).toContain('sk-secret');
  });

  it('share links carry prompt and endpoint but never the key', () => {
    useSettings.getState().update({ provider: 'openai-compatible', apiKey: 'sk-secret', prompt: 'Why is the sky blue?' });
    useSettings.getState().setEndpoint({ baseUrl: 'http://127.0.0.1:8000/v1', model: 'qwq' });
    const q = shareQuery(useSettings.getState());
    expect(q).not.toContain('sk-secret');
    expect(q).not.toMatch(/apiKey/i);
    const patch = settingsFromQuery(q, { ...DEFAULT_SETTINGS });
    expect(patch?.prompt).toBe('Why is the sky blue?');
    expect(patch?.provider).toBe('openai-compatible');
    expect(patch?.endpoints?.['openai-compatible']).toEqual({ baseUrl: 'http://127.0.0.1:8000/v1', model: 'qwq' });
  });

  it('ignores unknown or invalid share values', () => {
    expect(settingsFromQuery('foo=1', DEFAULT_SETTINGS)).toBeNull();
    const patch = settingsFromQuery('provider=evil&maxTokens=-5&stepMode=zzz&apiKey=sk-x&prompt=hi', DEFAULT_SETTINGS);
    expect(patch).toEqual({ prompt: 'hi' });
  });
});
