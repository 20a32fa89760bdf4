import { describe, expect, it } from 'vitest';
import { diagnoseConnection, listingNote, suggestBaseUrl, type CallOutcome, type DiagnosisInput } from '../../../src/core/providers/connection-diagnosis';
import { corsFix, getPreset, type PresetId } from '../../../src/core/providers/presets';

const ORIGIN = 'http://127.0.0.1:4173';
const OK: CallOutcome = { kind: 'ok' };
const http = (status: number, url: string, body = ''): CallOutcome => ({ kind: 'http', status, body, url });

function input(id: PresetId, baseUrl: string, listing: CallOutcome, reply: CallOutcome, model = 'some-model'): DiagnosisInput {
  return { preset: getPreset(id), baseUrl, appOrigin: ORIGIN, model, listing, reply };
}

/** Everything the dialog would print for a diagnosis, to check what it never says. */
const printed = (d: { message: string; fix: { text: string; command?: string } }) => [d.message, d.fix.text, d.fix.command ?? ''].join('\n');

describe('suggestBaseUrl', () => {
  it('adds /v1 only where it is missing', () => {
    expect(suggestBaseUrl(getPreset('vllm'), 'http://127.0.0.1:8000')).toBe('http://127.0.0.1:8000/v1');
    expect(suggestBaseUrl(getPreset('vllm'), 'http://127.0.0.1:8000/')).toBe('http://127.0.0.1:8000/v1');
    expect(suggestBaseUrl(getPreset('llamacpp'), 'http://10.0.0.5:8080/proxy')).toBe('http://10.0.0.5:8080/proxy/v1');
  });

  it('never suggests another /v1 for an address that ends in /v1', () => {
    expect(suggestBaseUrl(getPreset('vllm'), 'http://127.0.0.1:8000/v1')).toBeUndefined();
    expect(suggestBaseUrl(getPreset('vllm'), 'http://127.0.0.1:8000/v1/')).toBeUndefined();
    // A stray segment before /v1 is dropped, back to the server's own base path.
    expect(suggestBaseUrl(getPreset('vllm'), 'http://127.0.0.1:8000/openai/v1')).toBe('http://127.0.0.1:8000/v1');
    expect(suggestBaseUrl(getPreset('openrouter'), 'https://openrouter.ai/v1')).toBe('https://openrouter.ai/api/v1');
  });

  it("points Ollama at the server root and DeepSeek at its documented base", () => {
    expect(suggestBaseUrl(getPreset('ollama'), 'http://127.0.0.1:11434/ollama')).toBe('http://127.0.0.1:11434');
    expect(suggestBaseUrl(getPreset('ollama'), 'http://127.0.0.1:11434/v1')).toBeUndefined();
    expect(suggestBaseUrl(getPreset('ollama'), 'http://127.0.0.1:11434')).toBeUndefined();
    expect(suggestBaseUrl(getPreset('deepseek'), 'https://api.deepseek.com/chat')).toBe('https://api.deepseek.com');
  });

  it('has nothing to suggest for an address that is not a URL', () => {
    expect(suggestBaseUrl(getPreset('vllm'), 'localhost:8000')).toBeUndefined();
  });
});

describe('diagnoseConnection', () => {
  it('is silent when the reply went through', () => {
    expect(diagnoseConnection(input('vllm', 'http://127.0.0.1:8000/v1', http(404, 'http://127.0.0.1:8000/v1/models'), OK))).toBeUndefined();
  });

  it('nothing listening: says so and says how to start the server, with no CORS advice', () => {
    const d = diagnoseConnection(input('vllm', 'http://127.0.0.1:9/v1', { kind: 'no-answer' }, { kind: 'no-answer' }))!;
    expect(d.problem).toBe('not-listening');
    expect(d.message).toContain('http://127.0.0.1:9');
    expect(d.fix.command).toBe(getPreset('vllm').startCommand);
    expect(printed(d)).not.toMatch(/CORS|origin/i);
    expect(printed(d)).not.toContain(corsFix('vllm', ORIGIN).text);
  });

  it('nothing listening at a hosted API: check the address and the network (there is nothing to start)', () => {
    const d = diagnoseConnection(input('openrouter', 'https://openrouter.example/api/v1', { kind: 'no-answer' }, { kind: 'no-answer' }))!;
    expect(d.problem).toBe('not-listening');
    expect(d.fix.command).toBeUndefined();
    expect(d.fix.text).toContain('https://openrouter.ai/api/v1');
  });

  it("CORS refusal: that preset's own CORS fix, and nothing about starting the server", () => {
    for (const id of ['vllm', 'ollama', 'lmstudio', 'llamacpp'] as const) {
      const d = diagnoseConnection(input(id, getPreset(id).baseUrl, { kind: 'no-answer' }, { kind: 'cors' }))!;
      expect(d.problem).toBe('cors');
      expect(d.fix).toEqual(corsFix(id, ORIGIN));
      expect(d.message).toContain(ORIGIN);
      if (getPreset(id).startCommand && getPreset(id).startCommand !== corsFix(id, ORIGIN).command) expect(printed(d)).not.toContain(getPreset(id).startCommand!);
    }
  });

  it('Ollama refusing an origin with 403 is a CORS refusal, not a key problem', () => {
    const d = diagnoseConnection(input('ollama', 'http://127.0.0.1:11434', http(403, 'http://127.0.0.1:11434/api/tags'), http(403, 'http://127.0.0.1:11434/api/chat')))!;
    expect(d.problem).toBe('cors');
    expect(d.fix.command).toContain(`OLLAMA_ORIGINS=${ORIGIN}`);
  });

  it('wrong path at an address ending in /v1: names the missing path, never suggests adding /v1', () => {
    const base = 'http://127.0.0.1:8000/v1';
    const d = diagnoseConnection(input('vllm', base, http(404, `${base}/models`), http(404, `${base}/chat/completions`, '{"detail":"Not Found"}')))!;
    expect(d.problem).toBe('wrong-path');
    expect(d.message).toContain('/v1/chat/completions');
    expect(d.message.match(/Not Found/g)).toHaveLength(1);
    expect(printed(d)).not.toMatch(/\/v1\/v1|add \/v1|need \/v1/i);
    expect(d.fix.command).toBeUndefined();
    expect(d.fix.text).toMatch(/port/);
  });

  it('wrong path without /v1: the one base path to use', () => {
    const base = 'http://127.0.0.1:8000';
    const d = diagnoseConnection(input('vllm', base, http(404, `${base}/models`), http(404, `${base}/chat/completions`)))!;
    expect(d.problem).toBe('wrong-path');
    expect(d.fix.command).toBe('http://127.0.0.1:8000/v1');
  });

  it('a 404 after the models were listed is the model name, not the path', () => {
    const base = 'http://127.0.0.1:8000/v1';
    const body = '{"object":"error","message":"The model `qwen-typo` does not exist.","type":"NotFoundError","code":404}';
    const d = diagnoseConnection(input('vllm', base, OK, http(404, `${base}/chat/completions`, body), 'qwen-typo'))!;
    expect(d.problem).toBe('unknown-model');
    expect(d.message).toContain('qwen-typo');
    expect(d.message).toContain('does not exist');
    expect(d.fix.text).toMatch(/Model field/);
    const ollama = diagnoseConnection(input('ollama', 'http://127.0.0.1:11434', OK, http(404, 'http://127.0.0.1:11434/api/chat'), 'qwen3:8b'))!;
    expect(ollama.fix.command).toBe('ollama pull qwen3:8b');
  });

  it('wrong key (401 or 403): check the key, with the server message once', () => {
    for (const status of [401, 403]) {
      const base = 'https://openrouter.ai/api/v1';
      const body = '{"error":{"message":"No auth credentials found","code":401}}';
      const d = diagnoseConnection(input('openrouter', base, http(status, `${base}/models`, body), http(status, `${base}/chat/completions`, body)))!;
      expect(d.problem).toBe('wrong-key');
      expect(d.message).toContain(`HTTP ${status}`);
      expect(d.message.match(/No auth credentials found/g)).toHaveLength(1);
      expect(d.fix.text).toContain('Check the API key');
      expect(printed(d)).not.toMatch(/CORS|\/v1/);
    }
  });

  it('the four problems are told apart, each with one fix', () => {
    const base = 'http://127.0.0.1:8000/v1';
    const cases: [CallOutcome, string][] = [
      [{ kind: 'no-answer' }, 'not-listening'],
      [{ kind: 'cors' }, 'cors'],
      [http(404, `${base}/chat/completions`), 'wrong-path'],
      [http(401, `${base}/chat/completions`), 'wrong-key'],
    ];
    const fixes = cases.map(([reply, problem]) => {
      const d = diagnoseConnection(input('vllm', base, reply.kind === 'http' ? reply : { kind: 'no-answer' }, reply))!;
      expect(d.problem).toBe(problem);
      return d.fix.text;
    });
    expect(new Set(fixes).size).toBe(4);
  });

  it('other statuses: busy servers are retried, the rest checked', () => {
    const base = 'http://127.0.0.1:8000/v1';
    expect(diagnoseConnection(input('vllm', base, OK, http(503, `${base}/chat/completions`)))!.fix.text).toMatch(/wait/);
    expect(diagnoseConnection(input('vllm', base, OK, http(400, `${base}/chat/completions`, '{"detail":"bad field"}')))!.message).toContain('bad field');
  });
});

describe('listingNote', () => {
  it('explains a failed listing only in its own terms', () => {
    expect(listingNote(OK)).toBeUndefined();
    expect(listingNote(http(404, 'x'))).toContain('HTTP 404');
    expect(listingNote({ kind: 'no-answer' })).toMatch(/type the model name/);
  });
});
