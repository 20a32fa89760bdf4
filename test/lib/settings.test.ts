// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { keySlot } from '../../src/core/keys/key-scope';
import { applyToThisTab, clampSetting, DEFAULT_SETTINGS, flushPrompt, judgeKey, modelKey, PROMPT_STORAGE_KEY, SETTINGS_STORAGE_KEY, useSettings } from '../../src/lib/settings';

const stored = () => localStorage.getItem(SETTINGS_STORAGE_KEY) ?? '';

describe('settings', () => {
  beforeEach(() => {
    localStorage.clear();
    useSettings.getState().reset();
  });

  it('persists settings but not the keys unless asked to', () => {
    const s = useSettings.getState();
    s.update({ provider: 'openai-compatible', maxTokens: 1234 });
    s.setKey('model', 'openai-compatible', 'http://127.0.0.1:8000/v1', 'sk-secret');
    expect(stored()).toContain('1234');
    expect(stored()).not.toContain('sk-secret');
    useSettings.getState().update({ rememberKeys: true });
    expect(stored()).toContain('sk-secret');
    useSettings.getState().update({ rememberKeys: false });
    expect(stored()).not.toContain('sk-secret');
  });

  it('attaches a key only to the provider and origin it was entered for', () => {
    const s = useSettings.getState();
    s.update({ provider: 'openai-compatible' });
    s.setEndpoint({ baseUrl: 'http://127.0.0.1:8000/v1' });
    useSettings.getState().setKey('model', 'openai-compatible', 'http://127.0.0.1:8000/v1', 'sk-a');
    expect(modelKey(useSettings.getState())).toBe('sk-a');
    useSettings.getState().setEndpoint({ baseUrl: 'http://127.0.0.1:8000/v2' });
    expect(modelKey(useSettings.getState()), 'same origin, another path').toBe('sk-a');
    useSettings.getState().setEndpoint({ baseUrl: 'http://127.0.0.1:8001/v1' });
    expect(modelKey(useSettings.getState()), 'another port').toBeUndefined();
    useSettings.getState().update({ provider: 'ollama' });
    expect(modelKey(useSettings.getState()), 'another provider').toBeUndefined();
    expect(judgeKey({ ...useSettings.getState(), judge: { ...DEFAULT_SETTINGS.judge, provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:8000/v1' } }), 'the judge has its own keys').toBeUndefined();
  });

  it('stores the prompt on its own entry once typing pauses, not with every keystroke', () => {
    useSettings.getState().update({ prompt: 'a long prompt' });
    expect(localStorage.getItem(PROMPT_STORAGE_KEY)).toBeNull();
    expect(stored()).not.toContain('a long prompt');
    flushPrompt();
    expect(localStorage.getItem(PROMPT_STORAGE_KEY)).toBe('a long prompt');
  });

  it("keeps a share link's settings in this tab: storage keeps the values it had", () => {
    useSettings.getState().update({ maxTokens: 2000, prompt: 'mine' });
    flushPrompt();
    applyToThisTab({ maxTokens: 300, prompt: 'from the link' });
    expect(useSettings.getState().maxTokens).toBe(300);
    useSettings.getState().update({ verifyInterval: 4 });
    flushPrompt();
    expect(JSON.parse(stored()).state).toMatchObject({ maxTokens: 2000, verifyInterval: 4 });
    expect(localStorage.getItem(PROMPT_STORAGE_KEY)).toBe('mine');
    // Once the user edits one here, it is theirs and is stored.
    useSettings.getState().update({ maxTokens: 500 });
    expect(JSON.parse(stored()).state.maxTokens).toBe(500);
  });

  it('clamps numbers into their range', () => {
    expect(clampSetting('maxTokens', 1e308)).toBe(1_000_000);
    expect(clampSetting('maxTokens', -5)).toBe(16);
    expect(clampSetting('tokensPerStep', 7.6)).toBe(8);
    expect(clampSetting('demoTokensPerSecond', Number.NaN)).toBeUndefined();
    expect(clampSetting('thinkingBudget', Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it('moves a version-1 key to the origin it was used with', async () => {
    localStorage.setItem(
      SETTINGS_STORAGE_KEY,
      JSON.stringify({
        version: 1,
        state: {
          provider: 'openai-compatible',
          endpoints: { 'openai-compatible': { baseUrl: 'http://127.0.0.1:8000/v1', model: 'm' } },
          apiKey: 'sk-old',
          rememberApiKey: true,
          prompt: 'old prompt',
          judge: { enabled: true, provider: 'anthropic', baseUrl: 'https://api.anthropic.com/v1', model: 'j', apiKey: 'sk-judge' },
        },
      }),
    );
    await useSettings.persist.rehydrate();
    const s = useSettings.getState();
    expect(s.rememberKeys).toBe(true);
    expect(s.keys).toEqual({
      [keySlot('model', 'openai-compatible', 'http://127.0.0.1:8000/v1')!]: 'sk-old',
      [keySlot('judge', 'anthropic', 'https://api.anthropic.com/v1')!]: 'sk-judge',
    });
    expect(s.prompt).toBe('old prompt');
    expect(s.judge).not.toHaveProperty('apiKey');
  });
});
