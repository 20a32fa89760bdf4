import { describe, expect, it } from 'vitest';
import { classifyOutcome } from '../../../src/core/logs/outcome';
import { guessDurationUnit, guessTimestampUnit, parseDateTime, unitFromName, toNumber } from '../../../src/core/logs/units';

describe('units', () => {
  it('reads the unit from the column name', () => {
    expect(unitFromName('latency_ms')).toBe('ms');
    expect(unitFromName('latencyMs')).toBe('ms');
    expect(unitFromName('end_to_end_latency_s')).toBe('s');
    expect(unitFromName('durationSeconds')).toBe('s');
    expect(unitFromName('request_start_ns')).toBe('ns');
    expect(unitFromName('startTimeUnixNano')).toBe('ns');
    expect(unitFromName('Request Latency (ms)')).toBe('ms');
    expect(unitFromName('ttfts')).toBeUndefined();
    expect(unitFromName('steps')).toBeUndefined();
    expect(unitFromName('latency')).toBeUndefined();
  });

  it('guesses seconds vs ms from magnitude when the name is silent', () => {
    expect(guessDurationUnit('latency', [12.5, 30.1, 8], 'latency').unit).toBe('s');
    expect(guessDurationUnit('latency', [12500, 30100, 8000], 'latency').unit).toBe('ms');
    expect(guessDurationUnit('duration', [2.5e9, 3e9], 'latency').unit).toBe('ns');
    // TTFT 250 is 250 ms; latency 250 is 250 s.
    expect(guessDurationUnit('ttft', [250, 300], 'ttft').unit).toBe('ms');
    expect(guessDurationUnit('latency', [250, 300], 'latency').unit).toBe('s');
    expect(guessDurationUnit('ttft', [0.4, 0.9], 'ttft').reason).toMatch(/median 0.65 < 20/);
    expect(guessDurationUnit('latency_s', [25000], 'latency')).toEqual({ unit: 's', reason: 'name says s' });
  });

  it('guesses timestamp units and parses date-times (no zone = UTC; 7 fractional digits)', () => {
    expect(guessTimestampUnit('t', [1.7e18]).unit).toBe('ns');
    expect(guessTimestampUnit('t', [1.7e15]).unit).toBe('us');
    expect(guessTimestampUnit('t', [1.7e12]).unit).toBe('ms');
    expect(guessTimestampUnit('t', [1.7e9]).unit).toBe('s');
    expect(guessTimestampUnit('t', [0, 12, 400]).unit).toBe('s');
    expect(guessTimestampUnit('t', [0, 12, 400], 'ms').unit).toBe('ms');
    expect(guessTimestampUnit('TIMESTAMP', ['2023-11-16 18:17:03.9799600']).unit).toBe('iso');
    expect(parseDateTime('2023-11-16 18:17:03.9799600')).toBeCloseTo(Date.UTC(2023, 10, 16, 18, 17, 3) + 979.96, 6);
    expect(parseDateTime('2026-11-20T09:00:00+02:00')).toBe(Date.UTC(2026, 10, 20, 7));
    expect(parseDateTime('2025-05-13T10:15:22.123000')).toBe(Date.UTC(2025, 4, 13, 10, 15, 22, 123));
    expect(parseDateTime('hello')).toBeUndefined();
  });

  it('reads toISOString timestamps exactly, across days, and falls back for every other form', () => {
    // The fast path for `YYYY-MM-DDTHH:MM:SS(.sss)Z` keeps the previous day: walk across
    // midnights, month and year ends, and check each against the engine's own Date parsing.
    const starts = [Date.UTC(2026, 11, 31, 23, 59, 58, 990), Date.UTC(2024, 1, 28, 23, 59, 59, 500), Date.UTC(1999, 0, 1), Date.UTC(2026, 10, 20, 9)];
    for (const start of starts)
      for (let i = 0; i < 400; i++) {
        const t = start + i * 37 * 1000 + (i % 7) * 113;
        const text = new Date(t).toISOString();
        expect(parseDateTime(text)).toBe(t);
        expect(parseDateTime(text.replace(/\.\d{3}Z$/, 'Z'))).toBe(t - (t % 1000));
      }
    // Alternating days, so the remembered day must be replaced each time.
    for (let i = 0; i < 50; i++) {
      const t = Date.UTC(2026, 0, 1 + (i % 2) * 40, i % 24, 30, 15, i);
      expect(parseDateTime(new Date(t).toISOString())).toBe(t);
    }
    // Near misses of the fast form still read through the general path, as before.
    expect(parseDateTime('2026-11-20T09:00:00.123z')).toBe(Date.UTC(2026, 10, 20, 9, 0, 0, 123));
    expect(parseDateTime(' 2026-11-20T09:00:00.123Z')).toBe(Date.UTC(2026, 10, 20, 9, 0, 0, 123));
    expect(parseDateTime('2026-11-20T09:00:00.1234Z')).toBeCloseTo(Date.UTC(2026, 10, 20, 9, 0, 0, 123) + 0.4, 6);
    expect(parseDateTime('2026-11-20 09:00:00.123Z')).toBe(Date.UTC(2026, 10, 20, 9, 0, 0, 123));
    expect(parseDateTime('2026-11-20T09:00:00.12Z')).toBe(Date.UTC(2026, 10, 20, 9, 0, 0, 120));
    expect(parseDateTime('2026-11-20T09:0a:00.123Z')).toBeUndefined();
    expect(parseDateTime('2026-11-20T09:00:00.123+01:00')).toBe(Date.UTC(2026, 10, 20, 8, 0, 0, 123));
  });

  it('treats empty and null-like cells as missing, never 0', () => {
    for (const v of ['', ' ', 'null', 'NaN', 'NA', 'None', '-', null, undefined, NaN]) expect(toNumber(v)).toBeUndefined();
    expect(toNumber('0')).toBe(0);
    expect(toNumber(' 12.5 ')).toBe(12.5);
  });
});

describe('outcome', () => {
  const o = (input: Parameters<typeof classifyOutcome>[0]) => classifyOutcome(input).outcome;
  it('maps status words, codes, messages and finish reasons', () => {
    expect(o({ status: 'done' })).toBe('ok');
    expect(o({ status: 'success' })).toBe('ok');
    expect(o({ status: 'failure', error: 'litellm.RateLimitError' })).toBe('error');
    expect(o({ status: 'failure', error: 'litellm.Timeout: Connection timed out after 600.0 seconds.' })).toBe('timeout');
    expect(o({ status: 'stopped' })).toBe('censored');
    expect(o({ status: 'interrupted' })).toBe('censored');
    expect(o({ status: 'ERROR' })).toBe('error');
    expect(o({ status: 'WARNING' })).toBe('ok');
    expect(o({ status: 429 })).toBe('error');
    expect(o({ status: -100, error: 'Output too few tokens 39' })).toBe('error');
    expect(o({ status: 504 })).toBe('timeout');
    expect(o({ status: 499 })).toBe('censored');
    expect(o({ status: null, error: '' })).toBe('ok');
    expect(o({ finishReason: 'length' })).toBe('truncated');
    expect(o({ finishReason: ['content_filter'] })).toBe('censored');
    expect(o({ finishReason: 'stop' })).toBe('ok');
    expect(o({ timedOut: true, status: 'done' })).toBe('timeout');
    expect(o({ timedOut: 'false', status: 'done' })).toBe('ok');
    expect(o({ error: 'RequestCancellationError: Request was cancelled after 0.5 seconds' })).toBe('censored');
    // An error beats the finish reason.
    expect(o({ error: 'boom', finishReason: 'length' })).toBe('error');
  });

  it('keeps the error message and reports unknown status words', () => {
    expect(classifyOutcome({ status: 429 })).toEqual({ outcome: 'error', error: 'code 429', unknownStatus: undefined });
    expect(classifyOutcome({ status: 'weird' })).toEqual({ outcome: 'ok', error: undefined, unknownStatus: 'weird' });
  });
});
