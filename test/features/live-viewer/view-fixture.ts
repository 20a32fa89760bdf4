import type { RunSnapshot } from '../../../src/core/run/accumulator';
import type { Finding } from '../../../src/core/verify';
import { useLiveRun } from '../../../src/features/live-viewer/run-store';
import type { RunView } from '../../../src/lib/run-engine';

export const T0 = 1_700_000_000_000;

/** A run's view as the engine would publish it, built by hand so each test states what it shows. */
export function makeView(
  run: Partial<RunSnapshot> & { stepTexts?: string[] },
  extra: Partial<Omit<RunView, 'run'>> & { deliveryPattern?: RunView['context']['deliveryPattern']; id?: string } = {},
): RunView {
  const { stepTexts = [], ...snapshot } = run;
  const id = extra.id ?? 'run-test';
  const steps = stepTexts.map((text, index) => Object.freeze({ index, text, startedAt: T0 + index * 100, completedAt: T0 + (index + 1) * 100 }));
  const findings = extra.findings ?? [];
  const byStep = new Map<number, readonly Finding[]>();
  for (const f of findings) byStep.set(f.step, [...(byStep.get(f.step) ?? []), f]);
  return {
    context: {
      id,
      prompt: 'What is 17 × 24?',
      provider: 'demo',
      providerLabel: 'Demo',
      model: 'demo-reasoner',
      baseUrl: 'demo://local/v1',
      deliveryPattern: extra.deliveryPattern ?? 'streaming',
      policy: 'continue',
      settings: { stepMode: 'paragraph' },
      ...extra.context,
    },
    run: {
      status: 'done',
      startedAt: T0,
      steps,
      tail: '',
      reasoningKind: 'raw',
      reasoningChars: stepTexts.join('').length,
      answer: '',
      estimatedReasoningTokens: 10,
      estimatedAnswerTokens: 2,
      malformedCount: 0,
      ...snapshot,
    },
    findings,
    findingsByStep: byStep,
    stepScores: extra.stepScores ?? steps.map(() => 1),
    chainScore: extra.chainScore,
    checkpoints: extra.checkpoints ?? [],
    paused: extra.paused ?? false,
    policyNote: extra.policyNote,
    corrections: 0,
    verify: extra.verify ?? { intervals: steps.length ? 1 : 0, durationsMs: steps.length ? [1] : [], warningDelaysMs: [] },
    judge: extra.judge ?? { status: 'off', calls: 0, promptTokens: 0, completionTokens: 0, failures: 0 },
  };
}

/** Shows `view` as the viewed run, with the clock at `now`. */
export function showView(view: RunView, now = T0 + 5000): void {
  useLiveRun.setState({ views: { [view.context.id]: view }, order: [view.context.id], viewedId: view.context.id, now, thinkingOpen: {}, focusStep: undefined, compare: undefined });
}

/**
 * jsdom has no layout: the steps' scroll box measures 0 × 0, so the virtualized list would show
 * no step. Give that box a laptop-sized client area for the tests.
 */
export function giveStepsALayout(): void {
  for (const [prop, size] of [['clientHeight', 600], ['clientWidth', 800]] as const) {
    const own = Object.getOwnPropertyDescriptor(HTMLElement.prototype, prop) ?? Object.getOwnPropertyDescriptor(Element.prototype, prop);
    Object.defineProperty(HTMLElement.prototype, prop, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('reasoning-scroll') ? size : (own?.get?.call(this) ?? 0);
      },
    });
  }
}
