import type { Finding } from '../../core/verify';

/** "step 8: 17 × 24 = 418, exact 408" → "17 × 24 = 418, exact 408". */
export function evidenceOf(finding: Pick<Finding, 'message'>): string {
  return finding.message.replace(/^step \d+:\s*/i, '');
}

/** The inline line the issue specifies for errors and warnings. */
export function findingLine(finding: Pick<Finding, 'step' | 'severity' | 'message' | 'kind'>): string {
  if (finding.severity === 'note') return `Note (${finding.kind}): ${evidenceOf(finding)}`;
  return `Verification warning: step ${finding.step + 1} may be problematic — ${evidenceOf(finding)}`;
}
