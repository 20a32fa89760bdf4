/** Number formatting for the planner (en-US grouping, fixed decimals, units). */

export function fmtInt(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—';
}

/** Up to `digits` decimals, trailing zeros dropped. */
export function fmtNum(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  if (n === Infinity) return '∞';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function fmtPct(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${(share * 100).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })} %`;
}

export function fmtSeconds(ms: number | null | undefined, digits = 1): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  if (ms === Infinity) return '∞';
  return `${fmtNum(ms / 1000, digits)} s`;
}

export function fmtBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${fmtNum(bytes / 1024, 1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${fmtNum(bytes / 1024 / 1024, 1)} MB`;
  return `${fmtNum(bytes / 1024 / 1024 / 1024, 2)} GB`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmtInt(n)} ${n === 1 ? one : many}`;
}

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

/** Three significant digits for a duration in seconds (0.00458 s, 1.85 s, 30.9 s, 1,234 s). */
export function fmtSig(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (Math.abs(seconds) >= 1000) return fmtInt(seconds);
  return String(Number(seconds.toPrecision(3)));
}

/** A histogram bin's label: integers "5–9" (hi exclusive), else "5.0–9.9". */
export function binLabel(lo: number, hi: number, integer: boolean): string {
  if (integer) return hi - lo <= 1 ? `${lo}` : `${fmtNum(lo, 0)}–${fmtNum(hi - 1, 0)}`;
  return `${fmtNum(lo, 1)}–${fmtNum(hi, 1)}`;
}
