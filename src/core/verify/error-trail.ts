import { findMarkers } from './markers';
import type { Finding } from './types';

/**
 * How far a wrong value travelled before it was caught. For each arithmetic slip the verifier
 * flagged: the step that corrected it (a self-correction the policy asked for, or the model's own
 * "Wait, 17 × 24 = 408"), and the steps in between that carried the wrong value on ("uses 418
 * from step 2"), including values computed from it ("12,540 + 2,508 = 15,048" after "418 × 30 =
 * 12,540"). Text matching only: a number counts as carried when it first appears after the slip.
 */

export type StepMark =
  /** On the flagged step: it was corrected in step `by` (0-based); `withdrawn` when the policy asked for it. */
  | { kind: 'corrected'; by: number; withdrawn: boolean; wrong: string }
  /** On the correcting step: it corrects step `step`. */
  | { kind: 'corrects'; step: number; wrong: string; right: string }
  /** On a step that uses wrong values: `values` came from step `from`, which carries the slip in step `origin`. */
  | { kind: 'carries'; values: string[]; from: number; origin: number; originValue: string };

type TrailStep = { text: string; supersededBy?: number };
/** A live finding or a stored one (kind as a string; an arithmetic slip keeps its evidence). */
type TrailFinding = Pick<Finding, 'step' | 'severity'> & { kind: string; evidence?: unknown };

/** How many steps after a slip are searched for its correction (bounds the cost on long chains). */
export const TRAIL_WINDOW = 120;

/** "12,540" → "12540"; "3.50" → "3.5"; not a plain number → undefined. */
export function normalNumber(text: string): string | undefined {
  const t = text.trim().replace(/,(?=\d{3}\b)/g, '');
  if (!/^-?\d+(?:\.\d+)?$/.test(t)) return undefined;
  const [int, frac] = t.replace(/^-/, '').split('.');
  const whole = int.replace(/^0+(?=\d)/, '');
  const f = frac?.replace(/0+$/, '');
  return `${t.startsWith('-') ? '-' : ''}${whole}${f ? `.${f}` : ''}`;
}

const NUMBER = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g;

/** The numbers written in a text: normalised ("12540") → as first written ("12,540"). */
function numbersIn(text: string): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(NUMBER)) {
    const n = normalNumber(m[0]);
    if (n !== undefined && !out.has(n)) out.set(n, m[0]);
  }
  return out;
}

/** The values a step states as results: what stands right after an "=". */
function resultsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/=\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)/g)) {
    const n = normalNumber(m[1]);
    if (n !== undefined) out.push(n);
  }
  return out;
}

const squash = (text: string) => text.replace(/\s+/g, '').replace(/[×x*]/g, '×').replace(/[−–]/g, '-');

/**
 * What the trail reads of a step, kept per step object: the live viewer traces the whole chain
 * again whenever a step completes, and a finished step never changes, so each is read once.
 */
type StepReading = { text: string; numbers: ReadonlyMap<string, string>; squashed?: string };
const readings = new WeakMap<TrailStep, StepReading>();
function readingOf(step: TrailStep): StepReading {
  let r = readings.get(step);
  if (!r || r.text !== step.text) {
    r = { text: step.text, numbers: numbersIn(step.text) };
    readings.set(step, r);
  }
  return r;
}

/** The exact value of a slip as a plain number: "408" → "408", "10/3 ≈ 3.3333" → "3.3333"; else undefined. */
function exactNumber(exact: string): string | undefined {
  const approx = exact.split('≈').pop() ?? exact;
  return normalNumber(approx);
}

/** A value a reader could mistake for a coincidence is not traced: one digit, or already in play. */
const traceable = (value: string, seen: { has(value: string): boolean }) => value.replace(/[-.]/g, '').length >= 2 && !seen.has(value);

/** `wrong` normalised for matching; `stated` and `exact` as the finding wrote them, for people. */
type Slip = { step: number; expression: string; wrong: string; stated: string; right?: string; exact?: string };

function slipsOf(findings: readonly TrailFinding[]): Slip[] {
  const out = new Map<number, Slip>();
  for (const f of findings) {
    if (f.kind !== 'arithmetic' || f.severity === 'note' || out.has(f.step)) continue;
    const e = f.evidence as { expression?: string; stated?: string; exact?: string } | undefined;
    const wrong = e?.stated === undefined ? undefined : normalNumber(e.stated);
    if (!wrong || !e?.expression) continue;
    const right = e.exact === undefined ? undefined : exactNumber(e.exact);
    out.set(f.step, { step: f.step, expression: e.expression, wrong, stated: e.stated!, right, exact: right === undefined ? undefined : e.exact });
  }
  return [...out.values()].sort((a, b) => a.step - b.step);
}

/** The marks to show at each step (0-based); steps without any are absent. */
export function traceErrors(steps: readonly TrailStep[], findings: readonly TrailFinding[], prompt = ''): Map<number, StepMark[]> {
  const marks = new Map<number, StepMark[]>();
  const mark = (step: number, m: StepMark) => {
    const list = marks.get(step);
    if (list) list.push(m);
    else marks.set(step, [m]);
  };
  const slips = slipsOf(findings);
  if (!slips.length) return marks;

  // Where each number is first written (-1: in the prompt), so a value in play before the slip is
  // not "carried": it was seen before step j when it first appeared at an index below j.
  const firstSeen = new Map<string, number>();
  for (const n of numbersIn(prompt).keys()) firstSeen.set(n, -1);
  const lastStep = Math.min(steps.length, slips[slips.length - 1].step + TRAIL_WINDOW + 1);
  for (let i = 0; i < lastStep; i++) for (const n of readingOf(steps[i]).numbers.keys()) if (!firstSeen.has(n)) firstSeen.set(n, i);
  const seenBefore = (j: number) => ({ has: (n: string) => (firstSeen.get(n) ?? Number.POSITIVE_INFINITY) < j });

  for (const slip of slips) {
    const flagged = steps[slip.step];
    if (!flagged) continue;
    if (flagged.supersededBy !== undefined) {
      // The policy asked for the correction; what followed the slip was dropped, so nothing carried it.
      mark(slip.step, { kind: 'corrected', by: flagged.supersededBy, withdrawn: true, wrong: slip.stated });
      if (steps[flagged.supersededBy]) mark(flagged.supersededBy, { kind: 'corrects', step: slip.step, wrong: slip.stated, right: slip.exact ?? '' });
      continue;
    }
    const inExpression = numbersIn(slip.expression);
    const before = seenBefore(slip.step);
    if (!traceable(slip.wrong, { has: (n) => before.has(n) || inExpression.has(n) })) continue;
    /** Wrong values in play: the slip's, then results computed from them, each with where it came from. */
    const carried = new Map<string, number>([[slip.wrong, slip.step]]);
    const expression = squash(slip.expression);
    const end = Math.min(steps.length, slip.step + TRAIL_WINDOW + 1);
    for (let j = slip.step + 1; j < end; j++) {
      const text = steps[j].text;
      const reading = readingOf(steps[j]);
      const numbers = reading.numbers;
      const restates = (reading.squashed ??= squash(text)).includes(expression);
      const namesRight = slip.right !== undefined && numbers.has(slip.right);
      if (namesRight && (restates || (findMarkers(text).length > 0 && numbers.has(slip.wrong)))) {
        mark(slip.step, { kind: 'corrected', by: j, withdrawn: false, wrong: slip.stated });
        mark(j, { kind: 'corrects', step: slip.step, wrong: slip.stated, right: slip.exact ?? '' });
        break;
      }
      const usedFrom = new Map<number, string[]>();
      for (const [value, from] of carried) {
        const written = numbers.get(value);
        if (written !== undefined) usedFrom.set(from, [...(usedFrom.get(from) ?? []), written]);
      }
      if (!usedFrom.size) continue;
      for (const [from, values] of usedFrom) mark(j, { kind: 'carries', values, from, origin: slip.step, originValue: slip.stated });
      for (const result of resultsIn(text)) if (!carried.has(result) && traceable(result, seenBefore(j))) carried.set(result, j);
    }
  }
  return marks;
}

/** The line a reader sees for a mark (steps numbered from 1). */
export function stepMarkLine(m: StepMark): string {
  switch (m.kind) {
    case 'corrected':
      return m.withdrawn ? `Withdrawn: corrected in step ${m.by + 1} after verification` : `Corrected by the model in step ${m.by + 1}`;
    case 'corrects':
      return m.right ? `Corrects step ${m.step + 1}: ${m.right}, not ${m.wrong}` : `Corrects step ${m.step + 1}`;
    case 'carries': {
      const values = m.values.join(' and ');
      return m.from === m.origin ? `Uses ${values} from step ${m.from + 1}` : `Uses ${values} from step ${m.from + 1}, built on ${m.originValue} from step ${m.origin + 1}`;
    }
  }
}
