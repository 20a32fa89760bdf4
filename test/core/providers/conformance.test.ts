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
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getAdapter } from '../../../src/core/providers';
import type { ProviderId } from '../../../src/core/providers/types';
import { conformanceDirMissing, readRecordings, recordedErrorMessage, recordingFiles } from '../../e2e/support/conformance';
import { feedInSplits } from './helpers';

const STREAMS = new URL('../../../../shared/conformance/streams/', import.meta.url);
const STREAMS_PATH = fileURLToPath(STREAMS);

/** The provider picker's option labels (what providers.json names) → adapter ids. */
const PICKER: Record<string, ProviderId> = { 'OpenAI-compatible': 'openai-compatible', Anthropic: 'anthropic', 'OpenAI Responses': 'openai-responses', Ollama: 'ollama' };

const missing = conformanceDirMissing(STREAMS_PATH);

describe('conformance: real wire recordings', () => {
  if (missing) {
    it('finds the recordings', () => {
      throw new Error(missing);
    });
    return;
  }
  const recordings = readRecordings(STREAMS_PATH);

  it('providers.json names a known picker option for every one of the 29 recordings', () => {
    const files = recordingFiles(STREAMS_PATH);
    expect(files.length).toBe(29);
    expect(recordings.map((r) => r.file).sort()).toEqual(files.sort());
    for (const r of recordings) expect(PICKER[r.picker], `${r.file}: picker option "${r.picker}"`).toBeDefined();
  });

  for (const r of recordings) {
    it(`${r.file} (${r.picker}) gives exactly its reasoning, answer and ending in every split`, () => {
      const s = feedInSplits(getAdapter(PICKER[r.picker]).createParser, r.body);
      let shown = '';
      let redacted = 0;
      for (const e of s.events) {
        if (e.type !== 'reasoning') continue;
        if (e.kind === 'redacted') redacted++;
        else shown += e.text;
      }
      expect(shown).toBe(r.reasoning);
      expect(s.answer).toBe(r.answer);
      expect(redacted).toBe(r.redactedBlocks);
      expect(s.terminalCount).toBe(1);
      if (r.endsInError) {
        const message = recordedErrorMessage(r.body);
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
