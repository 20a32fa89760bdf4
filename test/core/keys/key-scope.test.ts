import { describe, expect, it } from 'vitest';
import { copyKey, keyFor, keyOffer, keyOrigin, keyPlaces, keySlot, setKey, type Keyring } from '../../../src/core/keys/key-scope';

describe('which key may go to a URL', () => {
  const ring = setKey({}, 'model', 'openai-compatible', 'http://127.0.0.1:45678/v1', 'sk-a');

  it('attaches a key to the exact origin it was entered for, whatever the path', () => {
    expect(keyFor(ring, 'model', 'openai-compatible', 'http://127.0.0.1:45678/v1')).toBe('sk-a');
    expect(keyFor(ring, 'model', 'openai-compatible', 'http://127.0.0.1:45678/other/v1/')).toBe('sk-a');
    expect(keyFor(ring, 'model', 'openai-compatible', ' HTTP://127.0.0.1:45678/v1 ')).toBe('sk-a');
  });

  it('never to a prefix port, another host, scheme, provider or role', () => {
    for (const url of ['http://127.0.0.1:4567/v1', 'http://127.0.0.1:456789/v1', 'https://127.0.0.1:45678/v1', 'http://localhost:45678/v1', 'http://127.0.0.1:45678.attacker.example/v1', 'http://127.0.0.1/v1']) {
      expect(keyFor(ring, 'model', 'openai-compatible', url), url).toBeUndefined();
    }
    expect(keyFor(ring, 'model', 'ollama', 'http://127.0.0.1:45678/v1')).toBeUndefined();
    expect(keyFor(ring, 'judge', 'openai-compatible', 'http://127.0.0.1:45678/v1')).toBeUndefined();
    expect(keyFor(ring, 'embeddings', 'openai-compatible', 'http://127.0.0.1:45678/v1')).toBeUndefined();
  });

  it('a user:password@ prefix does not pass for the host', () => {
    const api = setKey({}, 'model', 'openai-responses', 'https://api.openai.com/v1', 'sk-o');
    expect(keyFor(api, 'model', 'openai-responses', 'https://api.openai.com@attacker.example/v1')).toBeUndefined();
    expect(keyFor(api, 'model', 'openai-responses', 'https://api.openai.co/v1')).toBeUndefined();
    expect(keyFor(api, 'model', 'openai-responses', 'https://api.openai.com.attacker.example/v1')).toBeUndefined();
  });

  it('has no origin, and so no key, for anything but an absolute http(s) address', () => {
    for (const url of ['', 'http://', '127.0.0.1:8000/v1', 'demo://local/v1', 'javascript:alert(1)', 'file:///etc/passwd', 'data:text/plain,x', '/v1', '#/?baseUrl=x']) {
      expect(keyOrigin(url), url).toBeNull();
      expect(keySlot('model', 'openai-compatible', url), url).toBeNull();
      expect(setKey({}, 'model', 'openai-compatible', url, 'sk-x'), url).toEqual({});
    }
    expect(keyOrigin('https://api.anthropic.com/v1')).toBe('https://api.anthropic.com');
  });

  it('forgets a key set to empty, and moves a re-entered one last (most recent)', () => {
    expect(setKey(ring, 'model', 'openai-compatible', 'http://127.0.0.1:45678/v1', '')).toEqual({});
    let r: Keyring = setKey(ring, 'model', 'ollama', 'http://127.0.0.1:11434', 'sk-b');
    r = setKey(r, 'model', 'openai-compatible', 'http://127.0.0.1:45678/x', 'sk-a2');
    expect(Object.values(r)).toEqual(['sk-b', 'sk-a2']);
  });

  it('offers a key entered elsewhere (same role, most recent) only where there is none, and copies it only when asked', () => {
    let r: Keyring = setKey(ring, 'judge', 'anthropic', 'https://api.anthropic.com/v1', 'sk-j');
    const offer = keyOffer(r, 'model', 'ollama', 'http://127.0.0.1:11434');
    expect(offer).toEqual({ slot: keySlot('model', 'openai-compatible', 'http://127.0.0.1:45678/v1'), from: { role: 'model', provider: 'openai-compatible', origin: 'http://127.0.0.1:45678' } });
    expect(keyFor(r, 'model', 'ollama', 'http://127.0.0.1:11434'), 'an offer is not a key').toBeUndefined();
    expect(keyOffer(r, 'model', 'openai-compatible', 'http://127.0.0.1:45678/v1'), 'already has its key').toBeNull();
    expect(keyOffer(r, 'model', 'ollama', 'not a url')).toBeNull();
    expect(keyOffer({}, 'model', 'ollama', 'http://127.0.0.1:11434')).toBeNull();
    r = copyKey(r, offer!.slot, 'model', 'ollama', 'http://127.0.0.1:11434');
    expect(keyFor(r, 'model', 'ollama', 'http://127.0.0.1:11434')).toBe('sk-a');
    expect(keyFor(r, 'model', 'openai-compatible', 'http://127.0.0.1:45678/v1'), 'the original stays').toBe('sk-a');
    expect(copyKey(r, 'model nobody http://x', 'model', 'ollama', 'http://127.0.0.2:1')).toBe(r);
  });

  it('lists where each stored key may go', () => {
    const r = setKey(ring, 'embeddings', 'openai-compatible', 'https://api.openai.com/v1', 'sk-e');
    expect(keyPlaces(r)).toEqual([
      { role: 'model', provider: 'openai-compatible', origin: 'http://127.0.0.1:45678' },
      { role: 'embeddings', provider: 'openai-compatible', origin: 'https://api.openai.com' },
    ]);
  });
});
