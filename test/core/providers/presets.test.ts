import { describe, expect, it } from 'vitest';
import { getAdapter } from '../../../src/core/providers';
import { CONNECTION_PRESETS, corsFix, getPreset, presetFor, refusedRequestFields, type PresetId } from '../../../src/core/providers/presets';

const ORIGIN = 'https://viewer.example.org';

describe('connection presets', () => {
  it('has one preset per server, each with a unique id and a real adapter', () => {
    const ids = CONNECTION_PRESETS.map((p) => p.id);
    expect(ids).toEqual(['vllm', 'sglang', 'llamacpp', 'ollama', 'lmstudio', 'openrouter', 'deepseek', 'mistral', 'anthropic', 'openai']);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of CONNECTION_PRESETS) {
      expect(getAdapter(p.provider).id).toBe(p.provider);
      expect(getPreset(p.id)).toBe(p);
    }
    expect(() => getPreset('nope' as PresetId)).toThrow(/Unknown/);
  });

  it('uses each server\'s usual base address and format', () => {
    const table = Object.fromEntries(CONNECTION_PRESETS.map((p) => [p.id, [p.provider, p.baseUrl]]));
    expect(table).toEqual({
      vllm: ['openai-compatible', 'http://127.0.0.1:8000/v1'],
      sglang: ['openai-compatible', 'http://127.0.0.1:30000/v1'],
      llamacpp: ['openai-compatible', 'http://127.0.0.1:8080/v1'],
      ollama: ['ollama', 'http://127.0.0.1:11434'],
      lmstudio: ['openai-compatible', 'http://127.0.0.1:1234/v1'],
      openrouter: ['openai-compatible', 'https://openrouter.ai/api/v1'],
      deepseek: ['openai-compatible', 'https://api.deepseek.com'],
      mistral: ['openai-compatible', 'https://api.mistral.ai/v1'],
      anthropic: ['anthropic', 'https://api.anthropic.com/v1'],
      openai: ['openai-responses', 'https://api.openai.com/v1'],
    });
  });

  it('names where the reasoning arrives', () => {
    expect(getPreset('vllm').reasoningField).toMatch(/^delta\.reasoning\b/);
    expect(getPreset('vllm').reasoningHow).toContain('--reasoning-parser');
    expect(getPreset('llamacpp').reasoningField).toContain('reasoning_content');
    expect(getPreset('lmstudio').reasoningField).toContain('reasoning_content');
    expect(getPreset('deepseek').reasoningField).toContain('reasoning_content');
    expect(getPreset('openrouter').reasoningField).toContain('reasoning_details');
    expect(getPreset('ollama').reasoningField).toContain('message.thinking');
    expect(getPreset('mistral').reasoningField).toContain('"thinking"');
    expect(getPreset('mistral').suggestedModel).toMatch(/^magistral-/);
    expect(getPreset('anthropic').reasoningField).toContain('thinking_delta');
    expect(getPreset('openai').reasoningField).toContain('summary');
  });

  it('says which need a key: hosted APIs do, Ollama never does, local servers only when started with one', () => {
    const keys = Object.fromEntries(CONNECTION_PRESETS.map((p) => [p.id, p.key]));
    expect(keys).toEqual({
      vllm: 'optional',
      sglang: 'optional',
      llamacpp: 'optional',
      ollama: 'none',
      lmstudio: 'optional',
      openrouter: 'required',
      deepseek: 'required',
      mistral: 'required',
      anthropic: 'required',
      openai: 'required',
    });
    for (const p of CONNECTION_PRESETS) expect(p.local).toBe(p.baseUrl.startsWith('http://127.0.0.1'));
  });

  it('lists exactly the auth headers the adapter really sends', () => {
    for (const p of CONNECTION_PRESETS) {
      const sent = getAdapter(p.provider).buildRequest({ baseUrl: p.baseUrl, model: 'm', prompt: 'hi', apiKey: 'KEY' }).headers;
      const auth = Object.fromEntries(Object.entries(sent).filter(([name]) => !['content-type', 'accept'].includes(name)));
      const listed = Object.fromEntries(p.headers.map((h) => [h.name.toLowerCase(), h.value.replace('<key>', 'KEY')]));
      if (p.key === 'none') expect(listed).toEqual({});
      else expect(auth).toEqual(listed);
    }
    expect(getPreset('anthropic').headers.map((h) => h.name)).toEqual(['x-api-key', 'anthropic-version', 'anthropic-dangerous-direct-browser-access']);
  });

  it('finds the preset of a saved connection', () => {
    expect(presetFor('ollama', 'http://localhost:11434')?.id).toBe('ollama');
    expect(presetFor('openai-compatible', 'http://127.0.0.1:30000/v1/')?.id).toBe('sglang');
    expect(presetFor('openai-compatible', 'http://gpu-box:9000/v1')).toBeUndefined();
    expect(presetFor('openai-responses', 'https://proxy.example/v1')?.id).toBe('openai');
    expect(presetFor('demo', 'demo://local/v1')).toBeUndefined();
  });
});

describe('corsFix', () => {
  it('gives the exact flag or variable for local servers, with the app origin in it', () => {
    expect(corsFix('vllm', ORIGIN).command).toBe(`--allowed-origins '["${ORIGIN}"]'`);
    expect(corsFix('llamacpp', ORIGIN).command).toBe(`--cors-origins ${ORIGIN}`);
    expect(corsFix('ollama', ORIGIN).command).toBe(`OLLAMA_ORIGINS=${ORIGIN} ollama serve`);
    expect(corsFix('ollama', ORIGIN).text).toContain(`launchctl setenv OLLAMA_ORIGINS "${ORIGIN}"`);
    expect(corsFix('lmstudio', ORIGIN).command).toBe('lms server start --cors');
    expect(corsFix('lmstudio', ORIGIN).text).toContain('Enable CORS');
  });

  it('drops a trailing slash from the origin', () => {
    expect(corsFix('ollama', `${ORIGIN}/`).command).toBe(`OLLAMA_ORIGINS=${ORIGIN} ollama serve`);
  });

  it('is honest where there is no server setting', () => {
    const sglang = corsFix('sglang', ORIGIN);
    expect(sglang.command).toBeUndefined();
    expect(sglang.text).toMatch(/allows every origin/);
    expect(sglang.text).toContain(`Access-Control-Allow-Origin: ${ORIGIN}`);
    const deepseek = corsFix('deepseek', ORIGIN);
    expect(deepseek.command).toBeUndefined();
    expect(deepseek.text).toMatch(/unclear/);
    expect(deepseek.text).toMatch(/proxy/);
    for (const id of ['openrouter', 'openai'] as const) {
      expect(corsFix(id, ORIGIN).command).toBeUndefined();
      expect(corsFix(id, ORIGIN).text).toMatch(/accepts calls from browser pages/);
    }
    expect(corsFix('anthropic', ORIGIN).command).toBe('anthropic-dangerous-direct-browser-access: true');
  });

  it('has a fix for every preset', () => {
    for (const p of CONNECTION_PRESETS) expect(corsFix(p.id, ORIGIN).text.length).toBeGreaterThan(40);
  });

  it('leaves out of Mistral requests the field Mistral refuses (stream_options), and only there', () => {
    const body = (baseUrl: string) => JSON.parse(getAdapter('openai-compatible').buildRequest({ baseUrl, model: 'm', prompt: 'hi', apiKey: 'K' }).body ?? '{}');
    expect(body('https://api.mistral.ai/v1')).not.toHaveProperty('stream_options');
    expect(body('https://api.mistral.ai/v1/')).toMatchObject({ model: 'm', stream: true });
    expect(body('https://api.deepseek.com')).toHaveProperty('stream_options', { include_usage: true });
    expect(body('http://127.0.0.1:8000/v1')).toHaveProperty('stream_options');
    expect(refusedRequestFields('openai-compatible', 'https://api.mistral.ai/v1')).toEqual(['stream_options']);
    expect(refusedRequestFields('anthropic', 'https://api.mistral.ai/v1')).toEqual([]);
    expect(refusedRequestFields('openai-compatible', 'not a url')).toEqual([]);
  });

  it('states Mistral\'s browser (CORS) situation as unsettled, with the fix on our side', () => {
    const fix = corsFix('mistral', ORIGIN);
    expect(fix.text).toMatch(/not settled/);
    expect(fix.text).toContain('https://api.mistral.ai/v1');
    expect(fix.text).toContain(`Access-Control-Allow-Origin: ${ORIGIN}`);
    expect(fix.command).toBeUndefined();
  });
});
