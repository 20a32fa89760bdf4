import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/verify';
import { engineWith, JUDGE_URL, MODEL_URL, scriptedFetch, settingsWith, texts, until, type Reply, type SentRequest } from '../support/engine-fakes';

const CLEAN = ['There are 17 rows of 24 boxes each.', 'That makes 408 boxes in the rows.', 'Adding the 20 spare boxes gives 428 boxes in total.', 'That is the full count of boxes.', 'Nothing else is stored there.'];
const judgeOn = { enabled: true, provider: 'openai-compatible' as const, baseUrl: JUDGE_URL, model: 'critic' };
const ofKind = (findings: readonly Finding[], kind: Finding['kind']) => findings.filter((f) => f.kind === kind);

/** A judged run of the clean chain to the end, the judge answering as `judge` says: the final view and the judge calls made. */
async function judgedRun(judge: (request: SentRequest) => Reply) {
  const server = scriptedFetch((r) => (r.url.startsWith(JUDGE_URL) ? judge(r) : { steps: CLEAN, answer: '428' }));
  const { engine } = engineWith(settingsWith({ judge: judgeOn }), server.fetchImpl);
  await engine.start();
  await engine.settled();
  return { server, view: engine.view(), calls: server.to(JUDGE_URL).length };
}

describe('run engine: the judge', () => {
  it('a judge that names the same step on every call gives one verdict on that step', async () => {
    // The judge answers step index 1 whatever it is shown, a little later than the model streams.
    const { server, view, calls } = await judgedRun(() => ({ steps: [], answer: 'Paragraph 1 looks wrong. \\boxed{1}' }));
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(view.judge).toMatchObject({ status: 'idle', calls });
    const verdicts = ofKind(view.findings, 'judge');
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ step: 1, severity: 'warning' });
    expect(verdicts[0].message).toMatch(/^step 2: the judge model \(critic\) says this is the earliest wrong step/);
    expect(view.findingsByStep.get(1)?.filter((f) => f.kind === 'judge')).toHaveLength(1);
    // The judge saw the chain as it stood: its prompt carries the steps sent so far, and the model prompt.
    const last = server.to(JUDGE_URL).at(-1)!.body.messages as { content: string }[];
    expect(last.at(-1)!.content).toContain('How many boxes are there?');
    expect(last.at(-1)!.content).toContain(`<paragraph_0>\n${CLEAN[0]}\n</paragraph_0>`);
  });

  it('an unreachable judge adds one note for the run, counting the failed calls', async () => {
    const { view, calls } = await judgedRun(() => ({ status: 503 }));
    expect(calls).toBeGreaterThanOrEqual(2);
    const notes = ofKind(view.findings, 'judge-unavailable');
    expect(notes).toHaveLength(1);
    expect(notes[0].severity).toBe('note');
    expect(notes[0].message).toMatch(new RegExp(`^judge model unreachable: .*503.* \\(${calls} calls failed\\)$`));
    expect(notes[0].evidence).toMatchObject({ failures: calls });
    expect(view.judge.failures).toBe(calls);
    // Everything else is untouched: the run is done with all its steps.
    expect(view.run.status).toBe('done');
    expect(texts(view.run.steps)).toEqual(CLEAN);
    const inStepLists = [...view.findingsByStep.values()].flat().filter((f) => f.kind === 'judge-unavailable');
    expect(inStepLists).toEqual(notes);
  });
});

describe('run engine: settled() and dispose()', () => {
  it('settled() waits for the last verification answer, which start() does not', async () => {
    // Verified only at the end (interval larger than the chain); the last step has the slip.
    const steps = [...CLEAN.slice(0, 3), 'So 3 × 3 = 10 spare shelves.'];
    const server = scriptedFetch(() => ({ steps, answer: '428' }));
    const { engine } = engineWith(settingsWith({ verifyInterval: 100 }), server.fetchImpl);
    let settled = false;
    void engine.settled().then(() => (settled = true));
    await engine.start();
    expect(engine.view().run.status).toBe('done');
    expect(settled).toBe(false);
    expect(engine.view().findings.filter((f) => f.kind === 'arithmetic')).toEqual([]);
    await engine.settled();
    expect(engine.view().findings.filter((f) => f.kind === 'arithmetic').map((f) => f.step)).toEqual([3]);
    expect(engine.view().stepScores).toHaveLength(4);
  });

  it('settled() waits for a judge call still in flight when the stream ends', async () => {
    let releaseJudge!: () => void;
    const judgeHeld = new Promise<void>((resolve) => (releaseJudge = resolve));
    const server = scriptedFetch((r) => (r.url.startsWith(JUDGE_URL) ? { steps: [], answer: '\\boxed{-1}' } : { steps: CLEAN.slice(0, 2), answer: '408' }));
    // The judge's response is held back until the test lets it go.
    const fetchImpl: typeof fetch = async (input, init) => {
      if (String(input).startsWith(JUDGE_URL)) await judgeHeld;
      return server.fetchImpl(input, init);
    };
    const { engine } = engineWith(settingsWith({ judge: judgeOn, verifyInterval: 2 }), fetchImpl);
    let settled = false;
    void engine.settled().then(() => (settled = true));
    await engine.start();
    expect(engine.view().judge.status).toBe('running');
    await new Promise((r) => setTimeout(r, 30));
    expect(settled).toBe(false);
    releaseJudge();
    await engine.settled();
    expect(engine.view().judge).toMatchObject({ status: 'idle', calls: 1 });
  });

  it('dispose() releases the verify session in the client and stops a live run', async () => {
    const server = scriptedFetch(() => ({ steps: CLEAN, answer: '428' }), undefined, 10);
    const { engine, verifyClient, ticks } = engineWith(settingsWith({}), server.fetchImpl);
    const started = engine.start();
    await until(() => engine.view().run.steps.length >= 2);
    expect(verifyClient.sessionCount).toBe(1);
    expect(ticks).toHaveLength(1);
    engine.dispose();
    expect(engine.live).toBe(false);
    expect(engine.view().run.status).toBe('stopped');
    expect(verifyClient.sessionCount).toBe(0);
    // The once-a-second check is cancelled, and settled() still resolves.
    expect(ticks).toHaveLength(0);
    await started;
    await engine.settled();
    expect(server.to(MODEL_URL)[0].signal?.aborted).toBe(true);
  });

  it('the once-a-second tick sends a clock reading so a stalled step is reported', async () => {
    // A model that sends two steps and then nothing (the stream stays open).
    const encoder = new TextEncoder();
    const open: typeof fetch = async (_input, init) =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(encoder.encode(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { reasoning_content: `${CLEAN[0]}\n\n${CLEAN[1]}\n\n` } }] })}\n\n`));
            init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
          },
        }),
        { status: 200 },
      );
    const { engine, clock, ticks } = engineWith(settingsWith({ stepTimeoutSeconds: 5 }), open);
    const started = engine.start();
    await until(() => engine.view().run.steps.length === 2);
    clock.t += 6_000;
    ticks[0]();
    await until(() => engine.view().findings.some((f) => f.kind === 'timeout'));
    const timeout = engine.view().findings.find((f) => f.kind === 'timeout')!;
    expect(timeout.step).toBe(2);
    // A timeout never triggers the policy: the run is still live.
    expect(engine.live).toBe(true);
    engine.stop();
    await started;
    expect(engine.view().run.status).toBe('stopped');
    engine.dispose();
  });
});
