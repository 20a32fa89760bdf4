/**
 * Every wire recording in ../shared/conformance/streams (real streams captured by other projects)
 * replayed through the adapter the app's provider picker uses for it (providers.json), in every
 * split of helpers.ts (whole, per character, per byte with a streaming TextDecoder, CRLF, seeded
 * random splits), and checked against the recording's own oracle files:
 * - reasoning: the reasoning events' texts joined, byte for byte equal to `.reasoning.txt` (no
 *   trimming: the oracles imply none). Redacted thinking is not reasoning text (the oracle leaves it
 *   out); the adapter marks each redacted block with one event of kind 'redacted', so those are
 *   counted instead, against the redacted blocks in the bytes.
 * - answer: the answer events joined, byte for byte equal to `.answer.txt`.
 * - `.error.json` present ⇔ the stream ends in an error event, whose message is the one the
 *   recording carries (read here from its JSON independently of the adapters); absent ⇒ done.
 * The data is read in place, never copied into this repository.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getAdapter } from '../../../src/core/providers';
import type { ProviderId } from '../../../src/core/providers/types';
import { feedInSplits } from './helpers';

const STREAMS = new URL('../../../../shared/conformance/streams/', import.meta.url);
const STREAMS_PATH = fileURLToPath(STREAMS);

/** The provider picker's option labels (what providers.json names) → adapter ids. */
const PICKER: Record<string, ProviderId> = { 'OpenAI-compatible': 'openai-compatible', Anthropic: 'anthropic', 'OpenAI Responses': 'openai-responses', Ollama: 'ollama' };

/** The first error message a recording carries, from its SSE data lines' JSON. */
export function recordedErrorMessage(body: string): string | undefined {
  for (const line of body.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    let json: unknown;
    try {
      json = JSON.parse(line.slice(5));
    } catch {
      continue;
    }
    if (typeof json !== 'object' || json === null) continue;
    const j = json as Record<string, unknown>;
    const err = j.error as Record<string, unknown> | undefined;
    if (err && typeof err.message === 'string') return err.message;
    if (j.type === 'error' && typeof j.message === 'string') return j.message;
    const failed = (j.response as Record<string, unknown> | undefined)?.error as Record<string, unknown> | undefined;
    if (j.type === 'response.failed' && failed && typeof failed.message === 'string') return failed.message;
  }
  return undefined;
}

const present = existsSync(new URL('providers.json', STREAMS));

describe('conformance: real wire recordings', () => {
  if (!present) {
    it('finds the recordings', () => {
      throw new Error(`The conformance recordings are missing: expected ${STREAMS_PATH}providers.json (the shared data folder ../shared next to this repository).`);
    });
    return;
  }
  const providers = JSON.parse(readFileSync(new URL('providers.json', STREAMS), 'utf8')) as Record<string, string>;

  it('providers.json names a known picker option for every recording, and every recording has its oracles', () => {
    const files = readdirSync(STREAMS).filter((f) => f.endsWith('.sse'));
    expect(files.length).toBe(29);
    expect(Object.keys(providers).sort()).toEqual(files.sort());
    for (const [file, label] of Object.entries(providers)) {
      expect(PICKER[label], `${file}: picker option "${label}"`).toBeDefined();
      expect(existsSync(new URL(`${file}.reasoning.txt`, STREAMS))).toBe(true);
      expect(existsSync(new URL(`${file}.answer.txt`, STREAMS))).toBe(true);
    }
  });

  for (const [file, label] of Object.entries(providers)) {
    it(`${file} (${label}) gives exactly its reasoning, answer and ending in every split`, () => {
      const body = readFileSync(new URL(file, STREAMS), 'utf8');
      const reasoning = readFileSync(new URL(`${file}.reasoning.txt`, STREAMS), 'utf8');
      const answer = readFileSync(new URL(`${file}.answer.txt`, STREAMS), 'utf8');
      const errorPath = new URL(`${file}.error.json`, STREAMS);
      const endsInError = existsSync(errorPath) && (JSON.parse(readFileSync(errorPath, 'utf8')) as { error?: boolean }).error === true;

      const s = feedInSplits(getAdapter(PICKER[label]).createParser, body);
      let shown = '';
      let redacted = 0;
      for (const e of s.events) {
        if (e.type !== 'reasoning') continue;
        if (e.kind === 'redacted') redacted++;
        else shown += e.text;
      }
      expect(shown).toBe(reasoning);
      expect(s.answer).toBe(answer);
      expect(redacted).toBe((body.match(/"content_block":\{"type":"redacted_thinking"/g) ?? []).length);
      expect(s.terminalCount).toBe(1);
      if (endsInError) {
        const message = recordedErrorMessage(body);
        expect(message, 'the recording carries an error message').toBeTruthy();
        expect(s.error?.message).toBe(message);
        expect(s.done).toBeUndefined();
      } else {
        expect(s.error).toBeUndefined();
        expect(s.done).toBeDefined();
      }
    });
  }
});
