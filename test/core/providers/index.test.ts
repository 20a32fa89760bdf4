import { describe, expect, it } from 'vitest';
import { adapters, getAdapter } from '../../../src/core/providers';

describe('adapter registry', () => {
  it('has one adapter per real provider, each with its own id', () => {
    for (const [id, adapter] of Object.entries(adapters)) {
      expect(adapter.id).toBe(id);
      expect(getAdapter(adapter.id)).toBe(adapter);
      expect(adapter.defaultBaseUrl).toMatch(/^https?:\/\//);
    }
    expect(Object.keys(adapters).sort()).toEqual(['anthropic', 'ollama', 'openai-compatible', 'openai-responses']);
  });

  it('gives the demo provider the OpenAI-compatible adapter (the demo replays OpenAI-style SSE)', () => {
    expect(getAdapter('demo')).toBe(adapters['openai-compatible']);
  });
});
