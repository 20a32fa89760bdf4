import { describe, expect, it } from 'vitest';
import { createVerifier, DEFAULT_VERIFY_OPTIONS, findMarkers, verifyChain, type Finding, type StepInput } from '../../../src/core/verify';

const kinds = (fs: Finding[]) => fs.map((f) => `${f.step}:${f.kind}:${f.severity}`);
const steps = (texts: string[], t0 = 0, dt = 1000): StepInput[] => texts.map((text, index) => ({ index, text, startedAt: t0 + index * dt, completedAt: t0 + (index + 1) * dt }));

describe('verifyChain', () => {
  it('returns findings with a 0-based step, kind, severity, message and evidence', () => {
    const fs = verifyChain(['We buy 17 boxes of 24 eggs.', 'That is 17 × 24 = 418 eggs.']);
    expect(fs).toEqual([
      {
        step: 1,
        kind: 'arithmetic',
        severity: 'error',
        message: 'step 2: 17 × 24 = 418, exact 408',
        evidence: { expression: '17 × 24', stated: '418', exact: '408', relation: '=', source: 'text' },
      },
    ]);
  });
  it('an empty chain has no findings', () => expect(verifyChain([])).toEqual([]));
});

describe('consistency', () => {
  it('a quantity restated with a different value is a warning citing both steps', () => {
    const fs = verifyChain(['The apples cost 5 × 9 = $45, so total cost = $45.', 'Then we add the tax of $3.', 'So the total cost = $54.']);
    expect(fs).toEqual([
      expect.objectContaining({
        step: 2,
        kind: 'consistency',
        severity: 'warning',
        evidence: { quantity: 'total cost', value: '$54', earlierValue: '$45', earlierStep: 0, corrected: false },
      }),
    ]);
    expect(fs[0].message).toBe('step 3: total cost = $54, but step 1 said $45');
  });
  it('after a correction marker it is a note', () => {
    const fs = verifyChain(['Total cost = $45.', 'Wait, I made a mistake. Total cost = $54.']);
    expect(kinds(fs)).toEqual(['1:self-correction:note', '1:consistency:note']);
  });
  it('is silent for the same value, rounding, updates, recomputations, cases and enumerations', () => {
    expect(verifyChain(['Total cost = $45.', 'So total cost = $45.00.'])).toEqual([]);
    expect(verifyChain(['Average speed = 33.33 mph.', 'Average speed = 33.3 mph.'])).toEqual([]);
    expect(verifyChain(['Total cost = $45.', 'Now total cost = $54.'])).toEqual([]);
    expect(verifyChain(['Total cost = 5 × 9 = $45.', 'Total cost = 6 × 9 = $54.'])).toEqual([]);
    expect(verifyChain(['For n = 2, sum of digits = 5.', 'For n = 3, sum of digits = 6.'])).toEqual([]);
    expect(verifyChain(['Common difference = 3, common difference = 5, common difference = 7.', 'Common difference = 9.'])).toEqual([]);
    expect(verifyChain(['Bottle A:\nMass of acid: 4 g', 'Bottle B:\nMass of acid: 10 g'])).toEqual([]);
    expect(verifyChain(['Total time = 6057 seconds.', 'Total time = 101 minutes.'])).toEqual([]);
  });
  it('can be switched off', () => {
    expect(verifyChain(['Total cost = $45.', 'So total cost = $54.'], { checks: { consistency: false } })).toEqual([]);
  });
});

describe('repetition and loops', () => {
  const same = 'Let me compute the area of the rectangular garden once more.';
  it('a repeated step is a note naming the earlier step; several in a row make a loop warning', () => {
    const fs = verifyChain([same, 'The width is 4 m.', same, same, same, 'Done.']);
    expect(kinds(fs)).toEqual(['2:repetition:note', '3:repetition:note', '4:repetition:note', '4:loop:warning']);
    expect(fs[0].evidence).toEqual({ matchedStep: 0, similarity: 1 });
    expect(fs[3].evidence).toEqual({ fromStep: 2, toStep: 4, repeats: 3 });
    expect(fs[3].message).toBe('step 5: loop, 3 repeated steps within 3 steps since step 3');
  });
  it('near-duplicates count; the threshold is an option', () => {
    const a = 'First, we compute the total number of apples in all the baskets on the table today.';
    const b = 'First, we compute the total number of apples in all the baskets on the table today!';
    expect(kinds(verifyChain([a, b]))).toEqual(['1:repetition:note']);
    const c = 'First, we compute the total number of pears in all the baskets on the table today.';
    expect(verifyChain([a, c])).toEqual([]);
    expect(kinds(verifyChain([a, c], { repetitionThreshold: 0.6 }))).toEqual(['1:repetition:note']);
  });
  it('case splits that differ only in a sign are not repeats', () => {
    expect(verifyChain(['The solutions of \\( \\sin 2x = \\frac{\\sqrt{3}}{2} \\) are \\( x = \\frac{\\pi}{6} + k\\pi \\).', 'The solutions of \\( \\sin 2x = -\\frac{\\sqrt{3}}{2} \\) are \\( x = -\\frac{\\pi}{6} + k\\pi \\).'])).toEqual([]);
  });
  it('short steps never count as repeats', () => {
    expect(verifyChain(['So 5.', 'So 5.', 'So 5.', 'So 5.'])).toEqual([]);
  });
  it('an A B A B A B cycle is a loop', () => {
    const a = 'We try the substitution u = x + 1 and simplify the expression again.';
    const b = 'This gives the same quadratic as before, so we go back to the start.';
    expect(kinds(verifyChain([a, b, a, b, a, b])).filter((k) => k.includes('loop'))).toEqual(['4:loop:warning']);
  });
});

describe('self-correction markers', () => {
  it.each([
    ['Wait, that gives 12, not 14.', 'Wait,'],
    ['Hmm, that is not right.', 'Hmm'],
    ['Actually, the price was $5.', 'Actually'],
    ['I made a mistake in step 2.', 'I made a mistake'],
    ['Let me re-check the sum.', 'Let me re-check'],
    ["Let's double-check: 3 + 4 = 7.", "Let's double-check"],
    ["But wait, that's not right.", 'But wait,'],
  ])('%s', (text, marker) => expect(findMarkers(text)).toContain(marker));
  it.each(['The waiting time is 5 minutes.', 'After the final wait, Paul left.', 'The actual cost is $5.', 'We check the answer.'])('no marker in: %s', (text) =>
    expect(findMarkers(text)).toEqual([]),
  );
  it('a marker is a note and counts towards the self-correction rate', () => {
    const v = createVerifier();
    const fs = v.verify(steps(['We start with 5.', 'Wait, it should be 6.', 'So 6 + 1 = 7.', 'Hmm, let me re-check.']));
    expect(kinds(fs)).toEqual(['1:self-correction:note', '3:self-correction:note']);
    expect(fs[0].message).toBe('step 2: self-correction marker “Wait,”');
    expect(v.scores().selfCorrectionRate).toBe(0.5);
  });
  it('markers are counted, never scored: a step that re-checks itself keeps 1', () => {
    const texts = ['We start with 5 apples.', 'Wait, let me double-check: 5 + 1 = 6.', 'Hmm, so 6 apples.', 'Actually, I made a mistake; let me re-check.', 'So 6 + 1 = 7.'];
    // Oracle: the steps whose text holds a marker word, read independently of findMarkers.
    const marked = texts.filter((t) => /\b(wait|hmm|actually|double-check|re-check)\b/i.test(t)).length;
    const v = createVerifier();
    v.verify(steps(texts));
    const s = v.scores();
    expect(s.selfCorrections).toBe(marked);
    expect(s.steps).toEqual(texts.map(() => 1));
    expect(s.chain).toBe(1);
    expect(s.counts).toEqual({ error: 0, warning: 0, note: marked });
  });
  it('markers are still counted when the check is switched off', () => {
    const v = createVerifier({ checks: { selfCorrection: false } });
    expect(v.verify(steps(['Wait, 2 + 2 = 4.', 'Fine.']))).toEqual([]);
    expect(v.scores()).toMatchObject({ selfCorrections: 1, steps: [1, 1] });
  });
  it('a value revised after a self-correction is a note that costs nothing', () => {
    const v = createVerifier();
    const fs = v.verify(steps(['The total cost = $45.', 'Wait, I made a mistake: the total cost = $54.']));
    expect(fs.filter((f) => f.kind === 'consistency').map((f) => f.severity)).toEqual(['note']);
    expect(v.scores().steps).toEqual([1, 1]);
  });
});

describe('step timeout', () => {
  it('a step that took longer than the timeout to arrive is a warning', () => {
    const v = createVerifier({ stepTimeoutMs: 10_000 });
    const fs = v.verify([
      { index: 0, text: 'a', startedAt: 0, completedAt: 2_000 },
      { index: 1, text: 'b', startedAt: 2_000, completedAt: 4_000 },
      { index: 2, text: 'c', startedAt: 4_000, completedAt: 19_000 },
    ]);
    expect(fs).toEqual([
      { step: 2, kind: 'timeout', severity: 'warning', message: 'step 3: took 15 s to arrive (step timeout 10 s)', evidence: { waitedMs: 15_000, timeoutMs: 10_000, pending: false } },
    ]);
  });
  it('with `now`, a step that has not arrived yet is reported once, and not again when it arrives', () => {
    const v = createVerifier({ stepTimeoutMs: 10_000 });
    expect(v.verify(steps(['a', 'b']), 3_000)).toEqual([]);
    const stall = v.verify([], 15_000);
    expect(stall).toEqual([expect.objectContaining({ step: 2, kind: 'timeout', evidence: { waitedMs: 13_000, timeoutMs: 10_000, pending: true } })]);
    expect(stall[0].message).toBe('step 3: no new step for 13 s (step timeout 10 s)');
    expect(v.verify([], 20_000)).toEqual([]);
    expect(v.verify([{ index: 2, text: 'c', startedAt: 2_000, completedAt: 21_000 }], 21_000)).toEqual([]);
    // Pending steps have no score entry.
    expect(v.scores().steps).toEqual([1, 1, 1]);
  });
  it('needs timestamps; without them nothing is reported', () => {
    expect(createVerifier({ stepTimeoutMs: 1 }).verify([{ index: 0, text: 'a' }, { index: 1, text: 'b' }], 1e9)).toEqual([]);
  });
  it('can be switched off', () => {
    const v = createVerifier({ stepTimeoutMs: 10, checks: { timeout: false } });
    expect(v.verify(steps(['a', 'b'], 0, 1000), 1e6)).toEqual([]);
  });
});

describe('length anomaly', () => {
  const short = (i: number) => `Step ${i}: add two.`;
  it('a step longer than factor × the running median is a note, once 5 steps exist', () => {
    const long = 'x'.repeat(400);
    const fs = verifyChain([short(1), short(2), short(3), short(4), short(5), long]);
    expect(kinds(fs)).toEqual(['5:length:note']);
    expect(fs[0].evidence).toEqual({ length: 400, median: 16, factor: 25 });
    expect(verifyChain([short(1), short(2), short(3), short(4), long])).toEqual([]);
  });
  it('the factor is an option', () => {
    const medium = 'y'.repeat(60);
    const chain = [short(1), short(2), short(3), short(4), short(5), medium];
    expect(verifyChain(chain)).toEqual([]);
    expect(kinds(verifyChain(chain, { lengthFactor: 3 }))).toEqual(['5:length:note']);
  });
});

describe('incremental verification', () => {
  const chain = [
    'Sue starts with 18 pink flamingos.',
    'They take back 1/3 × 18 = 6 flamingos, leaving 18 - 6 = 12.',
    'Total cost = $45.',
    'Wait, the white ones are 6 + 1 = 8.',
    'Let me compute the number of flamingos on the lawn again right now.',
    'Let me compute the number of flamingos on the lawn again right now.',
    'Let me compute the number of flamingos on the lawn again right now.',
    'Let me compute the number of flamingos on the lawn again right now.',
    'So total cost = $54.',
    'x'.repeat(500),
    'So there are 12 + 18 = 31 pink flamingos.',
  ];
  it.each([1, 2, 3, 4, 7, 11])('feeding %i steps at a time equals verifyChain', (chunk) => {
    const v = createVerifier();
    const got: Finding[] = [];
    for (let i = 0; i < chain.length; i += chunk) got.push(...v.verify(chain.slice(i, i + chunk).map((text, j) => ({ index: i + j, text }))));
    expect(got).toEqual(verifyChain(chain));
    expect(v.findings()).toEqual(got);
    expect(v.lastIndex).toBe(chain.length - 1);
  });
  it('returns only new findings and ignores steps already verified', () => {
    const v = createVerifier();
    expect(kinds(v.verify([{ index: 0, text: '17 × 24 = 418' }]))).toEqual(['0:arithmetic:error']);
    expect(v.verify([{ index: 0, text: '17 × 24 = 418' }])).toEqual([]);
    expect(kinds(v.verify([{ index: 1, text: '2 + 2 = 5' }]))).toEqual(['1:arithmetic:error']);
    expect(v.findings()).toHaveLength(2);
  });
  it('options can change between calls; switched-off checks keep their state', () => {
    const v = createVerifier({ checks: { arithmetic: false, repetition: false } });
    const rep = 'We now compute the total number of apples in every basket.';
    expect(v.verify([{ index: 0, text: '2 + 2 = 5' }, { index: 1, text: rep }])).toEqual([]);
    v.setOptions({ checks: { arithmetic: true, repetition: true } });
    expect(v.options.checks.arithmetic).toBe(true);
    expect(v.options.repetitionThreshold).toBe(DEFAULT_VERIFY_OPTIONS.repetitionThreshold);
    expect(kinds(v.verify([{ index: 2, text: '3 + 3 = 7' }, { index: 3, text: rep }]))).toEqual(['2:arithmetic:error', '3:repetition:note']);
    v.setOptions({ checks: { selfCorrection: false } });
    expect(v.verify([{ index: 4, text: 'Wait, that is wrong.' }])).toEqual([]);
  });
  it('a 10,000-step chain costs no more per step than a 10-step one (bounded comparisons)', () => {
    const v = createVerifier();
    const text = (i: number) => `Step ${i}: we add ${i} and ${i + 1} to get ${2 * i + 1}, then check the running total again.`;
    const loop = 'We check the running total again and again and again.';
    let i = 0;
    const perStep: number[] = [];
    for (let round = 0; round < 1000; round++) {
      const before = v.stats().comparisons;
      const batch: StepInput[] = [];
      for (let j = 0; j < 10; j++, i++) batch.push({ index: i, text: i % 3 === 0 ? loop : text(i) });
      v.verify(batch);
      perStep.push((v.stats().comparisons - before) / 10);
    }
    expect(v.stats().stepsVerified).toBe(10_000);
    expect(Math.max(...perStep)).toBeLessThanOrEqual(Math.max(...perStep.slice(0, 2)) + 8);
    expect(Math.max(...perStep)).toBeLessThan(100);
  });
});

describe('scores', () => {
  it('per-step consistency score and chain score', () => {
    const v = createVerifier();
    v.verify(['2 + 2 = 4', '2 + 2 = 5', 'Hmm, so 4.', 'Fine.'].map((text, index) => ({ index, text })));
    const s = v.scores();
    // The arithmetic error zeroes step 2; the marker in step 3 is counted, not scored.
    expect(s.steps).toEqual([1, 0, 1, 1]);
    expect(s.chain).toBeCloseTo(3 / 4);
    expect(s.selfCorrections).toBe(1);
    expect(s.counts).toEqual({ error: 1, warning: 0, note: 1 });
    expect(s.byKind.arithmetic).toBe(1);
    expect(s.flaggedStepRate).toBe(0.25);
    expect(v.scores(2)).toMatchObject({ from: 2, steps: [1, 1] });
  });
  it('an empty verifier scores 1', () => {
    expect(createVerifier().scores()).toMatchObject({ steps: [], chain: 1, stepsVerified: 0, selfCorrections: 0, selfCorrectionRate: 0 });
  });
});

describe('loops with variation', () => {
  it('counts repeats within a short window even when a varied step breaks the run', () => {
    const a = 'So 221 = 13 × 17, and 221 is not prime. But wait, let me verify that again.';
    const b = '13 × 17: 13 × 10 = 130 and 13 × 7 = 91, and 130 + 91 = 221. Yes, 13 × 17 = 221.';
    const varied = 'So 221 = 13 × 17, and therefore 221 is not prime. But wait, let me verify it once more now.';
    const fs = verifyChain(['Let me factor 221 by trial division up to its square root.', a, b, varied, b, a, b]);
    const loops = fs.filter((f) => f.kind === 'loop');
    expect(loops).toHaveLength(1);
    expect(loops[0].severity).toBe('warning');
  });

  it('two repeats far apart are not a loop', () => {
    const a = 'Let me double check the total cost of all the items in the basket again.';
    const filler = (n: number) => `Now step ${n} moves on to a new part of the problem with new quantities ${n * 7}.`;
    const fs = verifyChain([a, filler(1), a, filler(2), filler(3), filler(4), filler(5), filler(6), filler(7), a]);
    expect(fs.filter((f) => f.kind === 'loop')).toEqual([]);
  });
});
