import { describe, expect, it } from 'vitest';
import { DEMO_SIDE_REQUEST_FIELD } from '../../src/core/demo/side-request';
import { engineWith, MODEL_URL, scriptedFetch, settingsWith, texts, until } from '../support/engine-fakes';

// A chain whose second step has an arithmetic slip (17 × 24 is 408), one step per chunk.
const SLIP = ['There are 17 rows of 24 boxes each.', 'So 17 × 24 = 418 boxes in the rows.', 'Adding the 20 spare boxes gives 438 boxes in total.', 'That is the full count of boxes.'];
const FIXED = ['Re-checking step 2: seventeen rows of twenty-four make 408 boxes, not what I wrote.', 'Adding the 20 spare boxes gives 428 boxes in total.'];

const messagesOf = (body: Record<string, unknown>) => body.messages as { role: string; content: string }[];

describe('run engine: the verification policy', () => {
  it('continue: the flagged run streams to the end with the finding at step 2', async () => {
    const server = scriptedFetch(() => ({ steps: SLIP, answer: '438' }));
    const { engine } = engineWith(settingsWith({ policy: 'continue' }), server.fetchImpl);
    await engine.start();
    await engine.settled();
    const view = engine.view();
    expect(view.run.status).toBe('done');
    expect(texts(view.run.steps)).toEqual(SLIP);
    expect(view.findings.filter((f) => f.severity !== 'note').map((f) => [f.step, f.kind])).toEqual([[1, 'arithmetic']]);
    expect(view.policyNote).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });

  it('pause: reading stops after the flagged step until resume, then the run finishes', async () => {
    const server = scriptedFetch(() => ({ steps: SLIP, answer: '438' }));
    const { engine } = engineWith(settingsWith({ policy: 'pause' }), server.fetchImpl);
    const started = engine.start();
    await until(() => engine.view().paused);
    const held = engine.view();
    expect(held.policyNote).toBe('Paused by the verification policy at step 2: step 2: 17 × 24 = 418, exact 408. Resume to continue.');
    expect(held.run.status).toBe('streaming');
    // The flagged step is in; the last steps are not, and nothing more arrives while paused.
    expect(held.run.steps.length).toBeGreaterThanOrEqual(2);
    expect(held.run.steps.length).toBeLessThan(SLIP.length);
    // A read already under way when the pause came may still deliver one chunk; then nothing.
    await new Promise((r) => setTimeout(r, 40));
    const afterPause = engine.view().run.steps.length;
    expect(afterPause).toBeLessThanOrEqual(held.run.steps.length + 1);
    await new Promise((r) => setTimeout(r, 80));
    expect(engine.view().run.steps.length).toBe(afterPause);
    expect(afterPause).toBeLessThan(SLIP.length);
    expect(engine.live).toBe(true);
    engine.resume();
    expect(engine.view().paused).toBe(false);
    expect(engine.view().policyNote).toBeUndefined();
    await started;
    expect(engine.view().run.status).toBe('done');
    expect(texts(engine.view().run.steps)).toEqual(SLIP);
    expect(engine.view().run.answer).toBe('438');
  });

  it('stop: the run stops at the flagged step with the reason, and the request is aborted', async () => {
    const server = scriptedFetch(() => ({ steps: SLIP, answer: '438' }));
    const { engine } = engineWith(settingsWith({ policy: 'stop' }), server.fetchImpl);
    await engine.start();
    const view = engine.view();
    expect(view.run.status).toBe('stopped');
    expect(view.policyNote).toBe('Stopped by the verification policy at step 2: step 2: 17 × 24 = 418, exact 408.');
    expect(view.run.steps.length).toBeLessThan(SLIP.length);
    expect(view.run.answer).toBe('');
    expect(server.requests[0].signal?.aborted).toBe(true);
    expect(engine.live).toBe(false);
  });

  it('self-correct: sends the chain up to the flagged step and the warning back, and continues from there', async () => {
    const server = scriptedFetch((_, n) => (n === 0 ? { steps: SLIP, answer: '438' } : { steps: FIXED, answer: '428' }));
    const { engine } = engineWith(settingsWith({ policy: 'self-correct' }), server.fetchImpl);
    await engine.start();
    await engine.settled();
    const view = engine.view();
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0].signal?.aborted).toBe(true);
    const messages = messagesOf(server.requests[1].body);
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages[0].content).toBe('How many boxes are there?');
    expect(messages[1].content).toBe(`My reasoning so far:\n\nStep 1: ${SLIP[0]}\n\nStep 2: ${SLIP[1]}`);
    expect(messages[2].content).toContain('step 2 may be problematic');
    expect(messages[2].content).toContain('17 × 24 = 418, exact 408');
    // A real provider never receives the demo model's side request.
    expect(server.requests.every((r) => !(DEMO_SIDE_REQUEST_FIELD in r.body))).toBe(true);
    expect(view.run.status).toBe('done');
    // The flagged step stays, marked as corrected by the step after it; its warning is kept and counted.
    expect(texts(view.run.steps)).toEqual([SLIP[0], SLIP[1], ...FIXED]);
    expect(view.run.steps.map((s) => s.supersededBy)).toEqual([undefined, 2, ...FIXED.map(() => undefined)]);
    expect(view.run.answer).toBe('428');
    expect(view.corrections).toBe(1);
    expect(view.policyNote).toBe('Asked the model to self-correct step 2 (step 2: 17 × 24 = 418, exact 408); continuing from there (correction 1 of 2).');
    expect(view.findings.filter((f) => f.severity !== 'note').map((f) => [f.step, f.kind])).toEqual([[1, 'arithmetic']]);
  });

  it('self-correct asks at most twice; a third slip only gets a note and the run goes on', async () => {
    // Every answer repeats the slip in its first step.
    const again = ['So 17 × 24 = 418 boxes in the rows, I think.', 'Adding the 20 spare boxes gives 438 boxes in total.', 'That is my count of the boxes.'];
    const server = scriptedFetch((_, n) => (n === 0 ? { steps: SLIP, answer: '438' } : { steps: again, answer: '438' }));
    const { engine } = engineWith(settingsWith({ policy: 'self-correct' }), server.fetchImpl);
    await engine.start();
    await engine.settled();
    const view = engine.view();
    expect(server.to(MODEL_URL)).toHaveLength(3);
    expect(view.corrections).toBe(2);
    expect(view.run.status).toBe('done');
    // Each corrected step stays: the chain reads slip, its retry (slips again), the second retry.
    expect(view.policyNote).toBe('Verification warning at step 4; already asked the model to self-correct 2 times, continuing.');
    // The second correction shows the model its first slip as withdrawn and asks about step 3, again[0].
    const second = messagesOf(server.requests[2].body);
    expect(second[1].content).toBe(`My reasoning so far:\n\nStep 1: ${SLIP[0]}\n\nStep 2: ${SLIP[1]} (withdrawn after verification: corrected in step 3)\n\nStep 3: ${again[0]}`);
    expect(texts(view.run.steps)).toEqual([SLIP[0], SLIP[1], again[0], ...again]);
    expect(view.run.steps.map((s) => s.supersededBy)).toEqual([undefined, 2, 3, undefined, undefined, undefined]);
    expect(view.findings.filter((f) => f.severity !== 'note').map((f) => [f.step, f.kind])).toEqual([
      [1, 'arithmetic'],
      [2, 'arithmetic'],
      [3, 'arithmetic'],
    ]);
  });
});
