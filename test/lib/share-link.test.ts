// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, flushPrompt, SETTINGS_STORAGE_KEY, useSettings } from '../../src/lib/settings';
import { acceptProposal, ignoreProposal, LINK_PROMPT_MAX, openShareLink, readShareLink, shareQuery, useShareLink } from '../../src/lib/share-link';

describe('share links', () => {
  beforeEach(() => {
    localStorage.clear();
    useSettings.getState().reset();
    useShareLink.setState({ proposal: null, notes: [] });
  });

  it('carry the prompt, settings and endpoint but never a key', () => {
    const s = useSettings.getState();
    s.update({ provider: 'openai-compatible', prompt: 'Why is the sky blue?' });
    useSettings.getState().setEndpoint({ baseUrl: 'http://127.0.0.1:8000/v1', model: 'qwq' });
    useSettings.getState().setKey('model', 'openai-compatible', 'http://127.0.0.1:8000/v1', 'sk-secret');
    const q = shareQuery(useSettings.getState());
    expect(q).not.toContain('sk-secret');
    expect(q).not.toMatch(/key/i);
    const link = readShareLink(q, DEFAULT_SETTINGS)!;
    expect(link.patch.prompt).toBe('Why is the sky blue?');
    expect(link.patch).not.toHaveProperty('provider');
    expect(link.patch).not.toHaveProperty('endpoints');
    expect(link.proposal).toEqual({ provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:8000/v1', model: 'qwq' });
    // The same link opened where that endpoint is already set proposes nothing.
    expect(readShareLink(q, useSettings.getState())!.proposal).toBeNull();
  });

  it('ignores unknown or invalid values, and never reads a key', () => {
    expect(readShareLink('foo=1', DEFAULT_SETTINGS)).toBeNull();
    const link = readShareLink('provider=evil&stepMode=zzz&apiKey=sk-x&reasoningEffort=huge&prompt=hi', DEFAULT_SETTINGS)!;
    expect(link.patch).toEqual({ prompt: 'hi' });
    expect(link.proposal).toBeNull();
    expect(link.notes.join(' ')).toContain('evil');
    for (const url of ['javascript:alert(1)', 'demo://x', '127.0.0.1:9/v1', '#/?x']) {
      const l = readShareLink(`provider=openai-compatible&baseUrl=${encodeURIComponent(url)}`, DEFAULT_SETTINGS)!;
      expect(l.proposal?.baseUrl, url).toBe('http://127.0.0.1:8000/v1');
      expect(l.notes.join(' '), url).toContain('not an http(s) address');
    }
  });

  it('clamps numbers into each setting\'s range and says so', () => {
    const link = readShareLink('maxTokens=1e308&thinkingBudget=-1&tokensPerStep=12.4&demoTokensPerSecond=abc', DEFAULT_SETTINGS)!;
    expect(link.patch).toEqual({ maxTokens: 1_000_000, thinkingBudget: 1024, tokensPerStep: 12 });
    expect(link.notes).toEqual([
      'Max tokens from the link (1e308) is outside 16–1,000,000; set to 1,000,000.',
      'Thinking budget from the link (-1) is outside 1,024–1,000,000; set to 1,024.',
      'Demo token rate from the link (abc) is not a number; ignored.',
    ]);
    expect(readShareLink('maxTokens=Infinity', DEFAULT_SETTINGS)!.patch).toEqual({});
    expect(readShareLink('maxTokens=', DEFAULT_SETTINGS)!.patch).toEqual({});
  });

  it('cuts a prompt longer than the cap and says so', () => {
    const long = 'x'.repeat(1_900_000);
    const link = readShareLink(`prompt=${long}`, DEFAULT_SETTINGS)!;
    expect(link.patch.prompt).toHaveLength(LINK_PROMPT_MAX);
    expect(link.notes).toEqual(["The link's prompt was 1,900,000 characters long; only its first 100,000 were kept."]);
  });

  it('opening a link changes nothing stored; its endpoint applies only on "Use it"', () => {
    useSettings.getState().update({ maxTokens: 2000, prompt: 'mine' });
    flushPrompt();
    const before = localStorage.getItem(SETTINGS_STORAGE_KEY);
    openShareLink('provider=openai-compatible&baseUrl=http://attacker.example/v1&model=evil&maxTokens=300&prompt=theirs');
    flushPrompt();
    const s = useSettings.getState();
    expect(s.provider).toBe('demo');
    expect(s.endpoints).toEqual({});
    expect(s.maxTokens).toBe(300);
    expect(s.prompt).toBe('theirs');
    expect(localStorage.getItem(SETTINGS_STORAGE_KEY)).toBe(before);
    expect(useShareLink.getState().proposal).toEqual({ provider: 'openai-compatible', baseUrl: 'http://attacker.example/v1', model: 'evil' });

    ignoreProposal();
    expect(useShareLink.getState().proposal).toBeNull();
    expect(useSettings.getState().provider).toBe('demo');

    openShareLink('provider=openai-compatible&baseUrl=http://127.0.0.1:9/v1&model=m');
    acceptProposal();
    expect(useSettings.getState().provider).toBe('openai-compatible');
    expect(JSON.parse(localStorage.getItem(SETTINGS_STORAGE_KEY)!).state.endpoints).toEqual({ 'openai-compatible': { baseUrl: 'http://127.0.0.1:9/v1', model: 'm' } });
  });
});
