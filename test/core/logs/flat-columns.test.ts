import { describe, expect, it } from 'vitest';
import { flatten, indexColumns, normalizeKey, flatRecordOf } from '../../../src/core/logs/flat-columns';

describe('flatten', () => {
  it('turns nested objects into dotted keys, keeps arrays as values and an empty object as a missing column', () => {
    expect(flatten({ a: 1, usage: { completion_tokens_details: { reasoning_tokens: 7 } }, steps: [1, 2], meta: {} })).toEqual({
      a: 1,
      'usage.completion_tokens_details.reasoning_tokens': 7,
      steps: [1, 2],
      meta: null,
    });
  });
});

describe('indexColumns', () => {
  it('finds a column by its normalised name or by its trailing dotted segments, never by a part of a segment', () => {
    const index = indexColumns(['Latency (ms)', 'metadata.usage.completion_tokens_details.reasoning_tokens', 'inter_token_latency']);
    expect(normalizeKey('Latency (ms)')).toBe('latencyms');
    expect(index.find('latency_ms')).toBe('Latency (ms)');
    expect(index.find('completion_tokens_details.reasoning_tokens')).toBe('metadata.usage.completion_tokens_details.reasoning_tokens');
    expect(index.find('reasoning_tokens')).toBe('metadata.usage.completion_tokens_details.reasoning_tokens');
    expect(index.find('latency')).toBeUndefined();
  });
});

describe('flatRecordOf', () => {
  it('hands a record without nested objects back as it is, and flattens one with them', () => {
    const flat = { latency_ms: 1200, steps: 4, tags: ['a', 'b'], error: null };
    expect(flatRecordOf(flat)).toBe(flat);
    const nested = { usage: { reasoning_tokens: 12, details: {} }, status: 'ok' };
    expect(flatRecordOf(nested)).toEqual({ 'usage.reasoning_tokens': 12, 'usage.details': null, status: 'ok' });
  });
});
