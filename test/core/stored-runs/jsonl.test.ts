import { describe, expect, it } from 'vitest';
import { filterRuns, parseRunsJsonl, runsToJsonl, validateRunRecord } from '../../../src/core/stored-runs';
import { makeRun } from './make-run';

describe('runsToJsonl / parseRunsJsonl', () => {
  it('round-trips exactly, including awkward text', () => {
    const runs = [
      makeRun(),
      makeRun({
        id: 'run-2',
        prompt: 'line one\nline two\r\n\ttab "quotes" \\ back\u2028sep\u2029 emoji 🧠 lone \ud800 end',
        status: 'error',
        error: 'HTTP 429: rate limited',
        answer: '',
        steps: [],
        findings: [{ step: 0, kind: 'arithmetic', severity: 'error', message: 'step 1: 2 + 2 = 5, exact 4' }],
        cache: { hit: true, similarity: 0.93, sourceRunId: 'run-1' },
        batchId: 'batch-7',
        checkpoints: [{ number: 1, stepCount: 5, elapsedMs: 10, summary: [], modelSummary: 'x', modelSummaryStatus: 'done' }],
        usage: undefined,
        consistencyScore: undefined,
      }),
      makeRun({ id: 'run-3', settings: { stepMode: 'tokens', tokensPerStep: 40, reasoningEffort: 'high', policy: 'p', deliveryPattern: 'burst' } }),
    ];
    const text = runsToJsonl(runs);
    expect(text.split('\n')).toHaveLength(4); // three lines + the final newline
    const parsed = parseRunsJsonl(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.runs).toEqual(runs);
    // Exact: stringifying again gives the same bytes.
    expect(runsToJsonl(parsed.runs)).toBe(text);
  });

  it('empty input gives nothing and no errors', () => {
    expect(runsToJsonl([])).toBe('');
    expect(parseRunsJsonl('')).toEqual({ runs: [], errors: [] });
    expect(parseRunsJsonl('\n\n  \n')).toEqual({ runs: [], errors: [] });
  });

  it('keeps valid lines and lists malformed ones by line number', () => {
    const good = JSON.stringify(makeRun({ id: 'a' }));
    const good2 = JSON.stringify(makeRun({ id: 'b' }));
    const text = [
      good, // 1
      '{not json', // 2
      '', // 3 (blank, skipped)
      JSON.stringify({ ...makeRun({ id: 'c' }), status: 'finished' }), // 4
      JSON.stringify({ ...makeRun({ id: 'd' }), schema: 2 }), // 5
      '[1,2]', // 6
      JSON.stringify({ ...makeRun({ id: 'e' }), steps: [{ text: 'x', startedAt: 1 }] }), // 7
      good2, // 8
    ].join('\r\n');
    const { runs, errors } = parseRunsJsonl(`\ufeff${text}`);
    expect(runs.map((r) => r.id)).toEqual(['a', 'b']);
    expect(errors.map((e) => e.line)).toEqual([2, 4, 5, 6, 7]);
    expect(errors[0].message).toMatch(/^not valid JSON/);
    expect(errors[1].message).toBe('status must be one of running, done, error, stopped, interrupted (got "finished")');
    expect(errors[2].message).toBe('schema must be 1 (got 2)');
    expect(errors[3].message).toMatch(/JSON object/);
    expect(errors[4].message).toBe('steps[0].completedAt must be a finite number (got nothing)');
  });

  it('treats null optional numbers (NaN/Infinity after JSON) as absent', () => {
    const line = JSON.stringify({ ...makeRun(), latencyMs: NaN, ttftMs: Infinity });
    const { runs, errors } = parseRunsJsonl(line);
    expect(errors).toEqual([]);
    expect('latencyMs' in runs[0]).toBe(false);
    expect('ttftMs' in runs[0]).toBe(false);
  });

  it('rejects a null required field', () => {
    const v = validateRunRecord({ ...makeRun(), startedAt: null });
    expect(v).toEqual({ ok: false, message: 'startedAt must be a finite number (got null)' });
  });
});

describe('filterRuns', () => {
  const runs = [
    makeRun({ id: 'a', status: 'done', provider: 'demo', model: 'm1', tier: 'short', startedAt: 100 }),
    makeRun({ id: 'b', status: 'error', provider: 'ollama', model: 'm2', tier: 'medium', startedAt: 200, batchId: 'x' }),
    makeRun({ id: 'c', status: 'done', provider: 'ollama', model: 'm1', tier: 'complex', startedAt: 300, prompt: 'Plan a TRIP' }),
  ];
  const ids = (f: Parameters<typeof filterRuns>[1]) => filterRuns(runs, f).map((r) => r.id);

  it('filters by each field and by several at once', () => {
    expect(ids({})).toEqual(['a', 'b', 'c']);
    expect(ids({ status: 'done' })).toEqual(['a', 'c']);
    expect(ids({ provider: 'ollama' })).toEqual(['b', 'c']);
    expect(ids({ model: 'm1' })).toEqual(['a', 'c']);
    expect(ids({ tier: ['short', 'complex'] })).toEqual(['a', 'c']);
    expect(ids({ status: [] })).toEqual(['a', 'b', 'c']);
    expect(ids({ batchId: 'x' })).toEqual(['b']);
    expect(ids({ provider: 'ollama', model: 'm1' })).toEqual(['c']);
    expect(ids({ text: 'trip' })).toEqual(['c']);
  });

  it('from and to are inclusive bounds on startedAt', () => {
    expect(ids({ from: 200 })).toEqual(['b', 'c']);
    expect(ids({ to: 200 })).toEqual(['a', 'b']);
    expect(ids({ from: 200, to: 200 })).toEqual(['b']);
    expect(ids({ from: 301 })).toEqual([]);
  });
});
