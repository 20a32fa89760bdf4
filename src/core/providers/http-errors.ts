/**
 * Human messages for non-2xx responses, shared by the adapters. Understands the error bodies
 * of OpenAI and compatible servers (`{"error":{"message"}}`, vLLM/FastAPI `{"detail"}`,
 * `{"object":"error","message"}`), Anthropic (`{"type":"error","error":{"type","message"}}`),
 * Ollama (`{"error":"…"}`) and plain text or HTML.
 */
import { isObject, str, tryParseJson } from './sse';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  529: 'Overloaded',
};

/**
 * Per-status hint overrides, e.g. the Ollama adapter explains 403 with OLLAMA_ORIGINS. A hint may
 * depend on the URL that failed (a 404 at a path with /v1 is a different fix than one without).
 */
export type ErrorHints = Partial<Record<number | 'default5xx', string | ((url: string | undefined) => string)>>;

/** The path part of a URL ("/v1/chat/completions"), or undefined when it cannot be read. */
function pathOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

/** A 404 from a server with the usual /v1 API: the path lacks /v1, or the model (or path) is not served. */
export function notFoundHint(url: string | undefined): string {
  const path = pathOf(url);
  if (path === undefined) return 'model or URL not found: check the endpoint URL and the model name';
  if (!/\/v1(\/|$)/.test(path)) return `nothing at ${path}: the API usually lives under /v1 — add /v1 to the endpoint URL`;
  return `the server has no ${path} or no such model: check the model name (Connect lists the server's models) and that this server speaks this API`;
}

const DEFAULT_HINTS: ErrorHints = {
  401: 'check the API key',
  402: 'payment or credits required on the account',
  403: 'access denied: check the API key permissions and that the server allows this origin (CORS)',
  404: notFoundHint,
  408: 'the server timed out: try again',
  413: 'the request is too large: shorten the prompt',
  429: 'rate limit or quota reached: wait and retry',
  default5xx: 'the server failed or is overloaded: retry later',
};

const MAX_DETAIL = 300;

/** The server's own message and error code/type, from any of the known JSON shapes. */
export function extractErrorMessage(body: string): { message?: string; code?: string } {
  const trimmed = body.trim();
  if (!trimmed) return {};
  const json = tryParseJson(trimmed);
  if (isObject(json)) {
    const error = json.error;
    if (typeof error === 'string') return { message: error };
    if (isObject(error)) {
      const code = str(error.type) ?? str(error.code) ?? (typeof error.code === 'number' ? String(error.code) : undefined);
      return { message: str(error.message) ?? code, code };
    }
    const detail = json.detail;
    if (typeof detail === 'string') return { message: detail };
    if (Array.isArray(detail) && detail.length > 0) {
      // FastAPI validation errors: [{loc, msg, type}]
      const first: unknown = detail[0];
      if (isObject(first) && typeof first.msg === 'string') return { message: first.msg };
    }
    const message = str(json.message);
    if (message) return { message, code: str(json.code) ?? str(json.type) };
    return { message: clip(trimmed) };
  }
  if (trimmed.startsWith('<')) {
    // An HTML error page from a proxy: keep its text, without the markup.
    const text = trimmed
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    return text ? { message: clip(text) } : {};
  }
  return { message: clip(trimmed) };
}

function clip(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

/**
 * e.g. "HTTP 401 Unauthorized — check the API key: Incorrect API key provided". `url` is the
 * request that failed; the server's own message is left out when it only repeats the status.
 */
export function describeHttpError(status: number, body: string, hints: ErrorHints = {}, url?: string): string {
  const text = STATUS_TEXT[status];
  const head = text ? `HTTP ${status} ${text}` : `HTTP ${status}`;
  const rule = hints[status] ?? DEFAULT_HINTS[status] ?? (status >= 500 ? (hints.default5xx ?? DEFAULT_HINTS.default5xx) : undefined);
  const hint = typeof rule === 'function' ? rule(url) : rule;
  const { message } = extractErrorMessage(body);
  const withHint = hint ? `${head} — ${hint}` : head;
  const repeatsStatus = !!message && !!text && message.trim().replace(/[.!]$/, '').toLowerCase() === text.toLowerCase();
  return message && !repeatsStatus ? `${withHint}: ${message}` : withHint;
}
