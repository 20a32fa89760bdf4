/**
 * Connection presets: the servers people actually run, each mapped onto one of the wire
 * adapters, with its usual base address, where its reasoning arrives, the headers it needs,
 * and exactly how to let this app's origin through when the browser blocks the call (CORS).
 *
 * Pure data and string building; sources are in ../shared/notes/reasoning-wire-formats.md
 * (§2 DeepSeek and vLLM, §3 OpenRouter, §4 llama.cpp, §5 Ollama, §7 Anthropic, §8 Responses,
 * §10 CORS) and, for SGLang, its `http_server.py` (FastAPI CORSMiddleware, allow_origins "*").
 * Mistral: its chat-completions reference (typed `thinking` content parts, 422 on undocumented
 * fields such as `stream_options`) and third-party CORS reports (mistralai/client-js #4,
 * obsidian-textgenerator-plugin #226, infio-copilot #146).
 */
import type { ProviderId } from './types';

export type PresetId = 'vllm' | 'sglang' | 'llamacpp' | 'ollama' | 'lmstudio' | 'openrouter' | 'deepseek' | 'mistral' | 'anthropic' | 'openai';

/** 'required': the server refuses calls without a key; 'optional': only when started with one; 'none': never sent. */
export type KeyUse = 'required' | 'optional' | 'none';

export type ConnectionPreset = {
  id: PresetId;
  label: string;
  /** The wire adapter that speaks this server's format. */
  provider: Exclude<ProviderId, 'demo'>;
  /** Runs on the user's machine (true) or is a hosted API (false). */
  local: boolean;
  baseUrl: string;
  /** The field or event the reasoning text arrives in. */
  reasoningField: string;
  /** What must be true on the server for reasoning to arrive there. */
  reasoningHow: string;
  /** Headers the app sends for this server; `<key>` stands for the key. */
  headers: { name: string; value: string }[];
  key: KeyUse;
  /** Where a key comes from, or when one is needed. */
  keyHint: string;
  /** A model name that usually exists there; empty when the server names its own. */
  suggestedModel: string;
  /** How to start a local server with reasoning on (absent for hosted APIs). */
  startCommand?: string;
  /** Request fields this server refuses (it answers 422 to fields it does not document); left out of requests to its origin. */
  refusesFields?: readonly string[];
};

const BEARER = { name: 'Authorization', value: 'Bearer <key>' };
const LOCAL_KEY_HINT = 'Leave empty unless the server was started with an API key (--api-key).';

export const CONNECTION_PRESETS: readonly ConnectionPreset[] = [
  {
    id: 'vllm',
    label: 'vLLM',
    provider: 'openai-compatible',
    local: true,
    baseUrl: 'http://127.0.0.1:8000/v1',
    reasoningField: 'delta.reasoning (older builds: delta.reasoning_content)',
    reasoningHow: 'Start the server with --reasoning-parser (e.g. qwen3, deepseek_r1); without it the chain arrives as <think> text in the content, which the app also splits.',
    headers: [BEARER],
    key: 'optional',
    keyHint: LOCAL_KEY_HINT,
    suggestedModel: 'Qwen/Qwen3-8B',
    startCommand: 'vllm serve Qwen/Qwen3-8B --reasoning-parser qwen3',
  },
  {
    id: 'sglang',
    label: 'SGLang',
    provider: 'openai-compatible',
    local: true,
    baseUrl: 'http://127.0.0.1:30000/v1',
    reasoningField: 'delta.reasoning_content',
    reasoningHow: 'Start the server with --reasoning-parser (e.g. qwen3, deepseek-r1); without it the chain arrives as <think> text in the content, which the app also splits.',
    headers: [BEARER],
    key: 'optional',
    keyHint: LOCAL_KEY_HINT,
    suggestedModel: 'Qwen/Qwen3-8B',
    startCommand: 'python -m sglang.launch_server --model-path Qwen/Qwen3-8B --reasoning-parser qwen3',
  },
  {
    id: 'llamacpp',
    label: 'llama.cpp server',
    provider: 'openai-compatible',
    local: true,
    baseUrl: 'http://127.0.0.1:8080/v1',
    reasoningField: 'delta.reasoning_content',
    reasoningHow: 'On by default (--reasoning-format auto). Older builds stream <think> text in the content instead, which the app also splits.',
    headers: [BEARER],
    key: 'optional',
    keyHint: LOCAL_KEY_HINT,
    suggestedModel: '',
    startCommand: 'llama-server -m your-model.gguf --port 8080',
  },
  {
    id: 'ollama',
    label: 'Ollama',
    provider: 'ollama',
    local: true,
    baseUrl: 'http://127.0.0.1:11434',
    reasoningField: 'message.thinking (native /api/chat, NDJSON)',
    reasoningHow: 'Thinking-capable models (qwen3, deepseek-r1, gpt-oss…) think by default. Use the server root as the endpoint URL, without /v1.',
    headers: [],
    key: 'none',
    keyHint: 'Ollama needs no key.',
    suggestedModel: 'qwen3:8b',
    startCommand: 'ollama pull qwen3:8b && ollama serve',
  },
  {
    id: 'lmstudio',
    label: 'LM Studio',
    provider: 'openai-compatible',
    local: true,
    baseUrl: 'http://127.0.0.1:1234/v1',
    reasoningField: 'delta.reasoning_content',
    reasoningHow: 'Turn on "separate reasoning_content and content in API responses" in the server settings; otherwise the chain arrives as <think> text, which the app also splits.',
    headers: [BEARER],
    key: 'optional',
    keyHint: 'Leave empty unless you turned on authentication in the server settings.',
    suggestedModel: 'qwen/qwen3-8b',
    startCommand: 'lms server start --cors',
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    provider: 'openai-compatible',
    local: false,
    baseUrl: 'https://openrouter.ai/api/v1',
    reasoningField: 'delta.reasoning and delta.reasoning_details (the same text; the app takes one)',
    reasoningHow: 'Returned by default for models that reason (e.g. deepseek/deepseek-r1). OpenAI o-series models there send no reasoning text.',
    headers: [BEARER],
    key: 'required',
    keyHint: 'Create a key at openrouter.ai/keys.',
    suggestedModel: 'deepseek/deepseek-r1',
  },
  {
    id: 'deepseek',
    label: 'DeepSeek',
    provider: 'openai-compatible',
    local: false,
    // The docs give https://api.deepseek.com as the base URL and accept …/v1 as an alias.
    baseUrl: 'https://api.deepseek.com',
    reasoningField: 'delta.reasoning_content',
    reasoningHow: 'Thinking mode is on by default for deepseek-v4-flash / deepseek-v4-pro (and the older deepseek-reasoner).',
    headers: [BEARER],
    key: 'required',
    keyHint: 'Create a key at platform.deepseek.com.',
    suggestedModel: 'deepseek-v4-flash',
  },
  {
    id: 'mistral',
    label: 'Mistral',
    provider: 'openai-compatible',
    local: false,
    baseUrl: 'https://api.mistral.ai/v1',
    reasoningField: 'delta.content as typed parts: {type:"thinking", thinking:[{type:"text", text}]} (the answer: text parts or plain content)',
    reasoningHow: 'Magistral models (magistral-medium-latest, magistral-small-latest) always think. mistral-small-latest thinks when Reasoning effort is set.',
    headers: [BEARER],
    key: 'required',
    keyHint: 'Create a key at console.mistral.ai (API Keys).',
    suggestedModel: 'magistral-medium-latest',
    // Mistral rejects undocumented fields with 422 "extra_forbidden"; stream_options is one, and usage arrives without it.
    refusesFields: ['stream_options'],
  },
  {
    id: 'anthropic',
    label: 'Anthropic',
    provider: 'anthropic',
    local: false,
    baseUrl: 'https://api.anthropic.com/v1',
    reasoningField: 'content_block_delta events with delta.type "thinking_delta"',
    reasoningHow: 'The app asks for extended thinking with a budget; recent Claude models stream a summary of their thinking.',
    headers: [
      { name: 'x-api-key', value: '<key>' },
      { name: 'anthropic-version', value: '2023-06-01' },
      { name: 'anthropic-dangerous-direct-browser-access', value: 'true' },
    ],
    key: 'required',
    keyHint: 'Create a key at console.anthropic.com.',
    suggestedModel: 'claude-sonnet-4-5',
  },
  {
    id: 'openai',
    label: 'OpenAI (Responses)',
    provider: 'openai-responses',
    local: false,
    baseUrl: 'https://api.openai.com/v1',
    reasoningField: 'response.reasoning_summary_text.delta (a summary, not the raw chain)',
    reasoningHow: 'OpenAI never sends the raw chain; the app asks the Responses API for reasoning summaries (reasoning.summary "auto").',
    headers: [BEARER],
    key: 'required',
    keyHint: 'Create a key at platform.openai.com/api-keys.',
    suggestedModel: 'o4-mini',
  },
];

export function getPreset(id: PresetId): ConnectionPreset {
  const preset = CONNECTION_PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`Unknown connection preset: ${id}`);
  return preset;
}

/**
 * The preset matching a saved connection: same adapter and same base address, else the only
 * preset using that adapter (Ollama, Anthropic, OpenAI Responses); undefined when unclear.
 */
export function presetFor(provider: ProviderId, baseUrl: string): ConnectionPreset | undefined {
  const trim = (u: string) => u.trim().replace(/\/+$/, '');
  const same = CONNECTION_PRESETS.filter((p) => p.provider === provider);
  return same.find((p) => trim(p.baseUrl) === trim(baseUrl)) ?? (same.length === 1 ? same[0] : undefined);
}

/**
 * Request fields to leave out for this endpoint: those refused by the preset whose base address has
 * the same origin (same adapter). Empty for anything else, including a URL that does not parse.
 */
export function refusedRequestFields(provider: ProviderId, baseUrl: string): readonly string[] {
  let origin: string;
  try {
    origin = new URL(baseUrl.trim()).origin;
  } catch {
    return [];
  }
  const preset = CONNECTION_PRESETS.find((p) => p.provider === provider && p.refusesFields && new URL(p.baseUrl).origin === origin);
  return preset?.refusesFields ?? [];
}

export type CorsFix = {
  /** What to do, in a sentence or two. */
  text: string;
  /** The exact flag, variable or command to copy; absent when there is nothing to set on the server. */
  command?: string;
};

/** How to let `appOrigin` call this server from the browser. */
export function corsFix(presetId: PresetId, appOrigin: string): CorsFix {
  const origin = appOrigin.replace(/\/+$/, '');
  const proxy = `put a small reverse proxy in front of it that answers the preflight and adds "Access-Control-Allow-Origin: ${origin}".`;
  switch (presetId) {
    case 'vllm':
      return {
        text: `vLLM allows every origin unless it was started with --allowed-origins. Add this flag to your vllm serve command (or drop --allowed-origins) and restart it:`,
        command: `--allowed-origins '["${origin}"]'`,
      };
    case 'sglang':
      return {
        text: `SGLang has no CORS setting: its server allows every origin. If the browser still blocks it, whatever answers in front of SGLang (a proxy or gateway) is refusing ${origin}: allow that origin there, or ${proxy}`,
      };
    case 'llamacpp':
      return {
        text: `llama-server allows every origin by default. Newer builds limit it when started with --cors-origins; start it with this origin there (older builds have no such flag and allow all):`,
        command: `--cors-origins ${origin}`,
      };
    case 'ollama':
      return {
        text: `Ollama allows pages on localhost and 127.0.0.1 by default and answers any other origin with 403. Add this page's origin with OLLAMA_ORIGINS and restart Ollama (on the macOS app: launchctl setenv OLLAMA_ORIGINS "${origin}", then quit and reopen Ollama):`,
        command: `OLLAMA_ORIGINS=${origin} ollama serve`,
      };
    case 'lmstudio':
      return {
        text: `LM Studio refuses browser calls until CORS is on: turn on "Enable CORS" in the Developer tab's server settings, or restart the server with:`,
        command: 'lms server start --cors',
      };
    case 'openrouter':
      return {
        text: `OpenRouter accepts calls from browser pages; there is nothing to set on the server. A block here usually means a wrong endpoint URL (it is https://openrouter.ai/api/v1), a browser extension or a company proxy.`,
      };
    case 'openai':
      return {
        text: `OpenAI's API accepts calls from browser pages; there is nothing to set on the server. A block here usually means a wrong endpoint URL (it is https://api.openai.com/v1), a browser extension or a company proxy.`,
      };
    case 'anthropic':
      return {
        text: `Anthropic accepts browser calls only with this header, which the app already sends. A block here usually means a wrong endpoint URL (it is https://api.anthropic.com/v1) or a proxy that strips the header.`,
        command: 'anthropic-dangerous-direct-browser-access: true',
      };
    case 'mistral':
      return {
        text: `Whether Mistral's API accepts browser calls is not settled: reports from 2023–24 show browser calls blocked, a 2026 report shows it answering the preflight but refusing extra request headers; this app sends only Authorization, Content-Type and Accept, and it was not tested from here. There is nothing you can set on their side: if it is blocked, check the base address (it is https://api.mistral.ai/v1), or ${proxy}`,
      };
    case 'deepseek':
      return {
        text: `Whether DeepSeek's API accepts browser calls is unclear (reports conflict), and there is nothing you can set on their side. If it is blocked, ${proxy} Or use DeepSeek models through OpenRouter, which accepts browser calls.`,
      };
  }
}
