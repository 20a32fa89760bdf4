import type { RunRecord } from '../stored-runs/types';

/**
 * Lines two reasoning chains up step by step, so two runs (two models, two efforts, a run and its
 * cached replay) can be read side by side, and finds the first step where they part.
 *
 * Steps are compared on normalised text (case, spacing, punctuation and number formatting
 * ignored); "similar" is a word-bigram Dice coefficient. The alignment maximises the total
 * similarity of paired steps (a weighted LCS), so a step inserted on one side shifts the rest
 * instead of misaligning everything after it.
 */

export type AlignKind = 'same' | 'similar' | 'changed' | 'left-only' | 'right-only';

export type AlignedRow = {
  /** 0-based step indices; null where that side has no step in this row. */
  left: number | null;
  right: number | null;
  kind: AlignKind;
  /** Dice similarity of the two steps' word bigrams, 0–1 (0 for a one-sided row). */
  similarity: number;
};

export type Alignment = {
  rows: AlignedRow[];
  /** Index into rows of the first row that is not 'same', or null when the chains agree throughout. */
  firstDivergentRow: number | null;
  /** Whether the chains were too long for the full alignment and were paired by position. */
  byPosition: boolean;
};

/** Pairs below this similarity are never lined up as the same step. */
export const SIMILAR_AT = 0.5;
/** Above this many step pairs the quadratic alignment is skipped (pairs by position). */
const MAX_CELLS = 4_000_000;

export function normalizeStep(text: string): string {
  return text
    .toLowerCase()
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/[^\p{L}\p{N}.=+\-×*/%]+/gu, ' ')
    .replace(/\.(?!\d)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function bigrams(normalized: string): Map<string, number> {
  const words = normalized.split(' ').filter(Boolean);
  const grams = new Map<string, number>();
  const add = (g: string) => grams.set(g, (grams.get(g) ?? 0) + 1);
  if (words.length === 1) add(words[0]);
  for (let i = 0; i + 1 < words.length; i++) add(`${words[i]} ${words[i + 1]}`);
  return grams;
}

function dice(a: Map<string, number>, b: Map<string, number>): number {
  let sizeA = 0;
  let sizeB = 0;
  let shared = 0;
  for (const v of a.values()) sizeA += v;
  for (const v of b.values()) sizeB += v;
  if (sizeA + sizeB === 0) return 1;
  for (const [g, v] of a) shared += Math.min(v, b.get(g) ?? 0);
  return (2 * shared) / (sizeA + sizeB);
}

/** Similarity of two steps, 0–1: 1 for equal normalised text. */
export function stepSimilarity(a: string, b: string): number {
  const na = normalizeStep(a);
  const nb = normalizeStep(b);
  if (na === nb) return 1;
  return dice(bigrams(na), bigrams(nb));
}

function kindOf(similarity: number, equal: boolean): AlignKind {
  return equal ? 'same' : similarity >= SIMILAR_AT ? 'similar' : 'changed';
}

export function alignSteps(left: readonly string[], right: readonly string[]): Alignment {
  const nl = left.map(normalizeStep);
  const nr = right.map(normalizeStep);
  const rows: AlignedRow[] = [];
  const n = left.length;
  const m = right.length;
  if (n * m > MAX_CELLS) {
    for (let i = 0; i < Math.max(n, m); i++) {
      if (i < n && i < m) {
        const sim = nl[i] === nr[i] ? 1 : dice(bigrams(nl[i]), bigrams(nr[i]));
        rows.push({ left: i, right: i, kind: kindOf(sim, nl[i] === nr[i]), similarity: sim });
      } else rows.push({ left: i < n ? i : null, right: i < m ? i : null, kind: i < n ? 'left-only' : 'right-only', similarity: 0 });
    }
    return { rows, firstDivergentRow: firstDivergent(rows), byPosition: true };
  }
  const gl = nl.map(bigrams);
  const gr = nr.map(bigrams);
  const sim = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) sim[i * m + j] = nl[i] === nr[j] ? 1 : dice(gl[i], gr[j]);
  // best[i][j]: the best total similarity aligning left[i..] with right[j..].
  const W = m + 1;
  const best = new Float64Array((n + 1) * W);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = sim[i * m + j];
      const pair = s >= SIMILAR_AT ? s + best[(i + 1) * W + j + 1] : -1;
      best[i * W + j] = Math.max(pair, best[(i + 1) * W + j], best[i * W + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  let pendingLeft: number[] = [];
  let pendingRight: number[] = [];
  // Unmatched steps between two matches are shown side by side as changed, then one-sided.
  const flushGap = () => {
    const k = Math.max(pendingLeft.length, pendingRight.length);
    for (let t = 0; t < k; t++) {
      const l = pendingLeft[t] ?? null;
      const r = pendingRight[t] ?? null;
      if (l !== null && r !== null) rows.push({ left: l, right: r, kind: 'changed', similarity: sim[l * m + r] });
      else rows.push({ left: l, right: r, kind: l !== null ? 'left-only' : 'right-only', similarity: 0 });
    }
    pendingLeft = [];
    pendingRight = [];
  };
  while (i < n || j < m) {
    if (i < n && j < m) {
      const s = sim[i * m + j];
      if (s >= SIMILAR_AT && best[i * W + j] === s + best[(i + 1) * W + j + 1]) {
        flushGap();
        rows.push({ left: i, right: j, kind: kindOf(s, nl[i] === nr[j]), similarity: s });
        i++;
        j++;
        continue;
      }
      if (best[i * W + j] === best[(i + 1) * W + j]) pendingLeft.push(i++);
      else pendingRight.push(j++);
    } else if (i < n) pendingLeft.push(i++);
    else pendingRight.push(j++);
  }
  flushGap();
  return { rows, firstDivergentRow: firstDivergent(rows), byPosition: false };
}

function firstDivergent(rows: readonly AlignedRow[]): number | null {
  const k = rows.findIndex((r) => r.kind !== 'same');
  return k < 0 ? null : k;
}

export type SideSummary = {
  label: string;
  steps: number;
  latencyMs: number | undefined;
  tier: RunRecord['tier'];
  reasoningTokens: number;
  reasoningTokensSource: RunRecord['reasoningTokensSource'];
  errors: number;
  warnings: number;
  notes: number;
  consistencyScore: number | undefined;
  status: RunRecord['status'];
  answer: string;
};

export type Comparison = {
  left: SideSummary;
  right: SideSummary;
  alignment: Alignment;
  /** The first divergent step on each side (1-based), when the chains part. */
  firstDivergence: { row: number; leftStep: number | null; rightStep: number | null; kind: AlignKind } | null;
  sameAnswer: boolean;
};

/** How a run is named in a comparison: model (or provider) · effort, or "· cached replay". */
export function runLabel(r: Pick<RunRecord, 'provider' | 'model' | 'settings' | 'cache'>): string {
  if (r.cache) return `${r.model || r.provider} · cached replay`;
  const effort = r.settings.reasoningEffort && r.settings.reasoningEffort !== 'default' ? ` · effort ${r.settings.reasoningEffort}` : '';
  return `${r.model || r.provider}${effort}`;
}

function side(r: RunRecord, label: string): SideSummary {
  const count = (s: 'error' | 'warning' | 'note') => r.findings.filter((f) => f.severity === s).length;
  return {
    label,
    steps: r.steps.length,
    latencyMs: r.latencyMs,
    tier: r.tier,
    reasoningTokens: r.reasoningTokens,
    reasoningTokensSource: r.reasoningTokensSource,
    errors: count('error'),
    warnings: count('warning'),
    notes: count('note'),
    consistencyScore: r.consistencyScore,
    status: r.status,
    answer: r.answer,
  };
}

/** Everything the comparison table and the aligned rows need, from two run records. */
export function compareRuns(left: RunRecord, right: RunRecord, labels?: { left?: string; right?: string }): Comparison {
  const alignment = alignSteps(
    left.steps.map((s) => s.text),
    right.steps.map((s) => s.text),
  );
  const row = alignment.firstDivergentRow;
  const at = row === null ? undefined : alignment.rows[row];
  return {
    left: side(left, labels?.left ?? runLabel(left)),
    right: side(right, labels?.right ?? runLabel(right)),
    alignment,
    firstDivergence: at && row !== null ? { row, leftStep: at.left === null ? null : at.left + 1, rightStep: at.right === null ? null : at.right + 1, kind: at.kind } : null,
    sameAnswer: normalizeStep(left.answer) === normalizeStep(right.answer),
  };
}

/** "step 4 (left) / step 5 (right)", "right step 7 has no counterpart", or "none". */
export function describeDivergence(c: Comparison): string {
  const d = c.firstDivergence;
  if (!d) return c.left.steps === 0 && c.right.steps === 0 ? 'no steps' : 'none: every step matches';
  if (d.leftStep !== null && d.rightStep !== null) return d.leftStep === d.rightStep ? `step ${d.leftStep}` : `step ${d.leftStep} (left) / step ${d.rightStep} (right)`;
  return d.leftStep !== null ? `step ${d.leftStep}: only the left run has it` : `step ${d.rightStep}: only the right run has it`;
}
