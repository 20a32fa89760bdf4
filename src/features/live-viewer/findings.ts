import type { Finding } from '../../core/verify';

/** "step 8: 17 × 24 = 418, exact 408" → "17 × 24 = 418, exact 408". */
export function evidenceOf(finding: Pick<Finding, 'message'>): string {
  return finding.message.replace(/^step \d+:\s*/i, '');
}

/** The inline line shown at a step for each error and warning. */
export function findingLine(finding: Pick<Finding, 'step' | 'severity' | 'message' | 'kind'>): string {
  if (finding.severity === 'note') return `Note (${finding.kind}): ${evidenceOf(finding)}`;
  return `Verification warning: step ${finding.step + 1} may be problematic — ${evidenceOf(finding)}`;
}

/** "cut off — …" for the step the stream broke off in; why depends on how the run ended. */
export function cutOffLine(status: string | undefined): string {
  return status === 'stopped' ? 'cut off — the run was stopped mid-step; not checked' : 'cut off — the stream ended mid-step; not checked';
}

/** The policy's note when it stopped the run itself ("Stopped by the verification policy at step 2: …"). */
export function isPolicyStopNote(note: string | undefined): note is string {
  return !!note && /^Stopped by the verification policy\b/.test(note);
}
