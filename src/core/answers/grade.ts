import type { RunRecord } from '../stored-runs/types';
import { answersMatch, extractAnswer, isChoiceReference, type ExtractionRule } from './extract';

/**
 * A run's verdict against its reference answer:
 * - not scored: no reference, or the run never gave the model a chance to answer (failed
 *   request, stopped, interrupted, still running);
 * - incorrect: it timed out (the user got no answer), or no answer could be extracted, or the
 *   extracted answer differs;
 * - correct: the extracted answer matches.
 * The extracted text is kept so a wrong extraction is visible. When the answer panel holds no
 * answer-like text, the last reasoning step is read instead (and `fromReasoning` says so).
 */
export type Verdict = 'correct' | 'incorrect' | 'unscored';

export type Grade = { verdict: Verdict; extracted?: string; rule?: ExtractionRule; fromReasoning?: boolean; reason: string };

export function gradeRun(run: Pick<RunRecord, 'status' | 'timedOut' | 'answer' | 'steps' | 'reference'>): Grade {
  const reference = run.reference?.trim();
  if (!reference) return { verdict: 'unscored', reason: 'no reference answer' };
  if (run.timedOut) return { verdict: 'incorrect', reason: 'timed out before answering' };
  if (run.status !== 'done') return { verdict: 'unscored', reason: `no answer (run ${run.status})` };
  const choice = isChoiceReference(reference);
  let found = extractAnswer(run.answer, { choice });
  let fromReasoning = false;
  if (!found && run.steps.length) {
    found = extractAnswer(run.steps[run.steps.length - 1].text, { choice });
    fromReasoning = found !== null;
  }
  if (!found) return { verdict: 'incorrect', reason: 'no answer found' };
  const ok = answersMatch(found.value, reference);
  return {
    verdict: ok ? 'correct' : 'incorrect',
    extracted: found.value,
    rule: found.rule,
    ...(fromReasoning ? { fromReasoning } : {}),
    reason: ok ? `matches ${reference}` : `expected ${reference}`,
  };
}
