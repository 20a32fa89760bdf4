import { describe, expect, it } from 'vitest';
import { describeBatchInput, MAX_PROMPT_CHARS, parseBatchInput } from '../../../src/features/runs/batch-input';

// Pure logic of the feature; named .test.tsx so the component project (jsdom) picks it up.
describe('parseBatchInput', () => {
  it('reads a reference answer from JSONL "answer" (string or number), per prompt, and lists a bad one', () => {
    const p = parseBatchInput(['{"prompt": "6 × 7?", "answer": 42}', '{"prompt": "Half of 1?", "answer": " \\\\frac{1}{2} "}', '{"prompt": "No reference"}', '{"prompt": "Bad", "answer": [1]}', '{"prompt": "6 × 7?", "answer": 41}'].join('\n'));
    expect(p.prompts).toEqual(['6 × 7?', 'Half of 1?', 'No reference']);
    expect(p.references).toEqual(['42', '\\frac{1}{2}', undefined]);
    expect(p.errors).toEqual([{ line: 4, message: '"answer" must be a string or a number (the reference answer)' }]);
    // The duplicate's reference is dropped with it: the first occurrence wins.
    expect(p.duplicates).toBe(1);
    expect(describeBatchInput(p)[0]).toBe('3 queries (JSON Lines), 2 with a reference answer.');
  });

  it('reads one query per line, skipping and counting empty lines (CRLF, BOM, trailing newline)', () => {
    const p = parseBatchInput('\uFEFFWhat is 2 + 2?\r\n\r\n   \r\nPlan a trip\r\n');
    expect(p.format).toBe('lines');
    expect(p.prompts).toEqual(['What is 2 + 2?', 'Plan a trip']);
    expect(p.emptyLines).toBe(2);
  });

  it('removes duplicates by default (first kept, whitespace ignored) and keeps them when asked', () => {
    const text = 'a  b\nc\na b\nc\nd';
    const removed = parseBatchInput(text);
    expect(removed.prompts).toEqual(['a  b', 'c', 'd']);
    expect(removed.duplicates).toBe(2);
    expect(describeBatchInput(removed).join(' ')).toMatch(/2 duplicates removed \(first occurrence kept; use Repeats/);
    const kept = parseBatchInput(text, { keepDuplicates: true });
    expect(kept.prompts).toHaveLength(5);
    expect(describeBatchInput(kept).join(' ')).toMatch(/2 duplicates kept/);
  });

  it('refuses a 100 KB prompt with a message naming its line, and keeps the rest', () => {
    const big = 'x'.repeat(100 * 1024);
    const p = parseBatchInput(`first\n${big}\nthird`);
    expect(p.prompts).toEqual(['first', 'third']);
    expect(p.oversized).toEqual([{ line: 2, message: expect.stringMatching(/102,400 characters, over the 32,000-character limit.*skipped/) }]);
    expect(MAX_PROMPT_CHARS).toBe(32_000);
    expect(describeBatchInput(p).join(' ')).toMatch(/1 query refused as too long/);
  });

  it('reads JSON Lines with a prompt field and lists unreadable lines', () => {
    const p = parseBatchInput(['{"prompt": "one\\ntwo lines", "id": 1}', '{"text": "no prompt"}', 'not json', '', '{"prompt": "  "}', '[1]', '{"prompt":"three"}'].join('\n'));
    expect(p.format).toBe('jsonl');
    expect(p.prompts).toEqual(['one\ntwo lines', 'three']);
    expect(p.errors.map((e) => e.line)).toEqual([2, 3, 5, 6]);
    expect(p.errors[1].message).toMatch(/not valid JSON/);
    expect(p.emptyLines).toBe(1);
  });

  it('explains repeats and an over-large batch', () => {
    const p = parseBatchInput('a\nb');
    expect(describeBatchInput(p, 3)[0]).toBe('2 queries × 3 repeats = 6 runs.');
    const many = parseBatchInput(Array.from({ length: 600 }, (_, i) => `q${i}`).join('\n'));
    expect(describeBatchInput(many, 20).join(' ')).toMatch(/more than 10,000 runs/);
  });
});
