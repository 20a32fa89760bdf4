/** The planner's wording for its bases and bins. */
import { fmtNum } from '../../core/number-format';

/** "steps" / "reasoning tokens" / "output tokens" for the basis. */
export function basisUnit(basis: 'steps' | 'reasoningTokens' | 'outputTokens', n = 2): string {
  if (basis === 'steps') return n === 1 ? 'step' : 'steps';
  if (basis === 'outputTokens') return n === 1 ? 'output token' : 'output tokens';
  return n === 1 ? 'reasoning token' : 'reasoning tokens';
}

/** The distribution chart's title for the basis. */
export function distributionTitle(basis: 'steps' | 'reasoningTokens' | 'outputTokens'): string {
  return basis === 'steps' ? 'Step distribution' : basis === 'outputTokens' ? 'Output-token distribution' : 'Reasoning-token distribution';
}

/** A histogram bin's label: integers "5–9" (hi exclusive), else "5.0–9.9". */
export function binLabel(lo: number, hi: number, integer: boolean): string {
  if (integer) return hi - lo <= 1 ? `${lo}` : `${fmtNum(lo, 0)}–${fmtNum(hi - 1, 0)}`;
  return `${fmtNum(lo, 1)}–${fmtNum(hi, 1)}`;
}
