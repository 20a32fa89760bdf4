/**
 * What a failed "Test connection" means, said once, with one fix. The test makes two calls (list
 * the models, then stream one short reply); each ends in one outcome, and this rule turns the
 * pair into one diagnosis: nothing listening, a CORS refusal, a wrong path (404), a wrong key
 * (401/403), or another HTTP or stream error. Pure: the shell classifies what fetch did.
 */
import { trimBaseUrl } from './common';
import { extractErrorMessage } from './http-errors';
import { corsFix, type ConnectionPreset, type CorsFix } from './presets';

/** How one call ended, as the browser let us see it. */
export type CallOutcome =
  | { kind: 'ok' }
  /** No server answered: the no-cors probe failed too. */
  | { kind: 'no-answer' }
  /** A server answered but the browser withheld the response (the page's origin is not allowed). */
  | { kind: 'cors' }
  | { kind: 'http'; status: number; body: string; url: string }
  | { kind: 'other'; message: string };

export type Problem = 'not-listening' | 'cors' | 'wrong-path' | 'unknown-model' | 'wrong-key' | 'http' | 'other';

export type Diagnosis = {
  problem: Problem;
  /** What is wrong, in one or two sentences. */
  message: string;
  /** The one thing to do about it. */
  fix: CorsFix;
};

export type DiagnosisInput = {
  preset: ConnectionPreset;
  baseUrl: string;
  appOrigin: string;
  /** The model name the reply was asked of. */
  model: string;
  listing: CallOutcome;
  reply: CallOutcome;
};

function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/**
 * A base address worth trying after a 404, or undefined when the address already has the
 * preset's usual shape (then the fix is the port or the server, not the path). Never suggests
 * adding /v1 to an address that ends in /v1.
 */
export function suggestBaseUrl(preset: ConnectionPreset, baseUrl: string): string | undefined {
  const current = trimBaseUrl(baseUrl);
  const origin = originOf(current);
  if (!origin) return undefined;
  const path = trimBaseUrl(pathOf(current));
  const usualPath = trimBaseUrl(pathOf(preset.baseUrl));
  let candidate: string;
  if (preset.provider === 'ollama') {
    // Ollama's native API lives at the server root.
    candidate = origin;
  } else if (path.endsWith('/v1') || !usualPath.endsWith('/v1')) {
    candidate = `${origin}${usualPath}`;
  } else {
    candidate = path ? `${current}/v1` : `${origin}${usualPath}`;
  }
  // The Ollama adapter itself drops a trailing /v1 or /api, so those name the root already.
  const effective = preset.provider === 'ollama' ? current.replace(/\/(v1|api)$/, '') : current;
  return candidate === effective ? undefined : candidate;
}

const quote = (text: string) => `“${text}”`;

function serverSays(body: string): string {
  const { message } = extractErrorMessage(body);
  return message ? ` The server said: ${quote(message)}.` : '';
}

function notListening(input: DiagnosisInput): Diagnosis {
  const where = originOf(input.baseUrl) ?? input.baseUrl;
  const { preset } = input;
  return {
    problem: 'not-listening',
    message: `Nothing is listening at ${where}: no server answered.`,
    fix: preset.startCommand
      ? { text: `Start ${preset.label}, or correct the port in the endpoint URL if it runs elsewhere:`, command: preset.startCommand }
      : { text: `Check the endpoint URL (${preset.label} is at ${preset.baseUrl}) and this computer's network connection.` },
  };
}

function cors(input: DiagnosisInput): Diagnosis {
  const where = originOf(input.baseUrl) ?? input.baseUrl;
  return {
    problem: 'cors',
    message: `The browser blocked the call: ${where} answered, but does not allow this page's origin (${input.appOrigin}). This is CORS, set on the server.`,
    fix: corsFix(input.preset.id, input.appOrigin),
  };
}

function notFound(input: DiagnosisInput, failed: Extract<CallOutcome, { kind: 'http' }>): Diagnosis {
  const { preset } = input;
  // The server listed its models at this address, so the path is right and the name is not.
  if (input.listing.kind === 'ok') {
    return {
      problem: 'unknown-model',
      message: `The server has no model called ${quote(input.model)} (HTTP 404).${serverSays(failed.body)}`,
      fix:
        preset.provider === 'ollama'
          ? { text: 'Pull it first, or choose one of the listed models in the Model field:', command: `ollama pull ${input.model}` }
          : { text: 'Choose one of the models the server listed, in the Model field.' },
    };
  }
  const path = pathOf(failed.url) || failed.url;
  const better = suggestBaseUrl(preset, input.baseUrl);
  return {
    problem: 'wrong-path',
    message: `The server answered, but not at this path: ${path} was not found (HTTP 404).${serverSays(failed.body)}`,
    fix: better
      ? { text: `Use ${preset.label}'s base path as the endpoint URL:`, command: better }
      : { text: `The endpoint URL has ${preset.label}'s usual shape (${preset.baseUrl}), so another server may be answering on this port: check the port number.` },
  };
}

function wrongKey(input: DiagnosisInput, failed: Extract<CallOutcome, { kind: 'http' }>): Diagnosis {
  const { preset } = input;
  return {
    problem: 'wrong-key',
    message: `The server refused the key (HTTP ${failed.status}).${serverSays(failed.body)}`,
    fix: { text: preset.key === 'none' ? `${preset.label} takes no key here: check that the endpoint URL points at ${preset.label}.` : `Check the API key: ${preset.keyHint}` },
  };
}

function otherHttp(failed: Extract<CallOutcome, { kind: 'http' }>): Diagnosis {
  const retry = failed.status === 429 || failed.status >= 500;
  return {
    problem: 'http',
    message: `The server answered HTTP ${failed.status}.${serverSays(failed.body)}`,
    fix: { text: retry ? 'The server is busy or failing: wait a moment and test again.' : 'Check the model name and the request settings against what the server expects.' },
  };
}

/** The one diagnosis for a failed test, from the reply (or, when it was never made, the listing); undefined when the reply went through. */
export function diagnoseConnection(input: DiagnosisInput): Diagnosis | undefined {
  const { reply, listing } = input;
  if (reply.kind === 'ok') return undefined;
  // A refusal by the browser or no server at all is the same whichever call met it first.
  if (reply.kind === 'no-answer') return notListening(input);
  if (reply.kind === 'cors') return cors(input);
  if (reply.kind === 'other') {
    return { problem: 'other', message: reply.message, fix: { text: 'Test again; if it keeps failing, check the server’s log for this request.' } };
  }
  // Ollama answers an origin it does not allow with 403 and no key is involved.
  if (reply.status === 403 && input.preset.key === 'none' && input.preset.provider === 'ollama') return cors(input);
  if (reply.status === 401 || reply.status === 403) return wrongKey(input, reply);
  if (reply.status === 404) return notFound(input, reply);
  // A listing refused for the key explains a reply that failed in another way too.
  if (listing.kind === 'http' && (listing.status === 401 || listing.status === 403)) return wrongKey(input, listing);
  return otherHttp(reply);
}

/** The models line's own note when the listing failed but the reply went through (so there is no diagnosis to repeat it). */
export function listingNote(listing: CallOutcome): string | undefined {
  if (listing.kind === 'ok') return undefined;
  if (listing.kind === 'http') return `The server did not list its models (HTTP ${listing.status}); type the model name.`;
  return 'The server did not list its models; type the model name.';
}
