import { getScenario } from '../../src/core/demo/scenarios';
import type { RunRecord } from '../../src/core/stored-runs/types';
import { verifyChain } from '../../src/core/verify';
import { makeRun } from '../core/stored-runs/make-run';

/** The demo's arithmetic slip stored as a finished run would be: its chain and the verifier's findings. */
export function slipRun(over: Partial<RunRecord> = {}): RunRecord {
  const scenario = getScenario('arithmetic-slip');
  const texts = scenario.reasoning.split(/\n\n+/).map((t) => t.trim()).filter(Boolean);
  const t0 = 1_700_000_000_000;
  const findings = verifyChain(texts).map((f) => ({
    step: f.step,
    kind: f.kind,
    severity: f.severity,
    message: f.message,
    ...(f.kind === 'arithmetic' ? { evidence: { expression: f.evidence.expression, stated: f.evidence.stated, exact: f.evidence.exact } } : {}),
  }));
  return makeRun({
    prompt: scenario.prompt,
    steps: texts.map((text, i) => ({ text, startedAt: t0 + i * 100, completedAt: t0 + (i + 1) * 100 })),
    findings,
    answer: scenario.answer,
    ...over,
  });
}
