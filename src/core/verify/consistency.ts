/**
 * Value consistency: a symbol table of explicitly labelled quantities ("Total cost = $45",
 * "Sally's age: 19 years"). When a later step restates the same label with a different value
 * (beyond rounding, same unit) it is a warning, or a note when the step carries a
 * self-correction marker. Deliberately narrow: only `label = … = value` and `Label: value`
 * with at least two content words, and never a label that announces a new state
 * ("new total", "remaining balance", "now", "after …").
 */
import * as R from './rational';
import type { Rational } from './rational';
import { leftRange, rightRange, type MathText } from './arithmetic';
import { evaluate, parseRange, shapeOf } from './expression';
import type { Token } from './tokens';

const STOP = new Set(
  'so thus therefore hence then the a an and of for in on at to by with from is are was were be our my his her their its this that we i you he she they it which'.split(
    ' ',
  ),
);
/** Labels that announce a changed or different quantity. */
const UPDATE = new Set(
  'new now remaining left updated current final after before initial original first second third fourth fifth next last another other each per these those additional extra more less another rest still every case part step option answer result value'.split(
    ' ',
  ),
);

export type Statement = { key: string; label: string; value: Rational; dec: number; unit: string; text: string };

const MAX_LABEL_WORDS = 6;

function labelBefore(tokens: readonly Token[], k: number, needSentenceStart: boolean): { key: string; label: string } | null {
  const ws: string[] = [];
  let i = k - 1;
  while (i >= 0 && tokens[i].kind === 'word' && ws.length < MAX_LABEL_WORDS) {
    ws.unshift(tokens[i].text);
    i--;
  }
  if (ws.length === 0) return null;
  const before = tokens[i];
  const atStart = !before || before.kind === 'nl' || (before.kind === 'other' && /^[.;:!?"]$/.test(before.text));
  if (needSentenceStart && !atStart) return null;
  // Only a label if it is not the tail of a longer phrase ("… of 3 boxes = 5" is not a label).
  if (before && (before.kind === 'num' || before.kind === 'unit' || before.kind === 'var' || before.kind === 'rparen' || before.kind === 'eq')) return null;
  const lower = ws.map((w) => w.toLowerCase().replace(/'s$/, ''));
  if (lower.some((w) => UPDATE.has(w))) return null;
  const content = lower.filter((w) => !STOP.has(w));
  if (content.length < 2) return null;
  // Strip leading connectives from what is shown.
  let first = 0;
  while (first < ws.length - 1 && STOP.has(lower[first])) first++;
  return { key: content.map((w, j) => (j === content.length - 1 && w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w)).join(' '), label: ws.slice(first).join(' ') };
}

/** Does a segment between two `=` signs stay within one statement? */
function sameStatement(tokens: readonly Token[], from: number, to: number): boolean {
  for (let j = from; j < to; j++) {
    const t = tokens[j];
    if (t.kind === 'nl') return false;
    if (t.kind === 'other' && /^[,.;:!?]$/.test(t.text)) return false;
    if (t.kind === 'word' && /^(?:and|but|while|whereas|so|then|if|or)$/i.test(t.text)) return false;
  }
  return true;
}

/** The labelled quantities stated in one step, in order. */
export function readStatements(math: MathText): Statement[] {
  if (math.modular || math.baseN) return [];
  const { tokens } = math;
  const out: Statement[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const isColon = t.kind === 'other' && t.text === ':';
    if (t.kind !== 'eq' && !isColon) continue;
    if (leftRange(tokens, k)) continue;
    const label = labelBefore(tokens, k, isColon);
    if (!label) continue;
    // Follow "label = a = b = value" to the last sign of the statement.
    let last = k;
    for (let j = k + 1; j < tokens.length; j++) {
      const u = tokens[j];
      if (u.kind === 'eq') {
        if (!sameStatement(tokens, last + 1, j)) break;
        last = j;
      } else if (u.kind === 'nl' || (u.kind === 'other' && /^[;!?]$/.test(u.text)) || u.kind === 'approx') break;
      else if (u.kind === 'other' && u.text === '.' && (tokens[j + 1]?.space ?? true)) break;
      if (isColon) break;
    }
    const rr = rightRange(tokens, last);
    if (!rr) continue;
    if (rr.after && !rr.after.space && (rr.after.kind === 'word' || rr.after.kind === 'var')) continue;
    if (rr.after && (rr.after.kind === 'scale' || rr.after.kind === 'num')) continue;
    const node = parseRange(tokens, rr.from, rr.to);
    if (!node) continue;
    const shape = shapeOf(node);
    if (shape.hasScale) continue;
    let value: Rational;
    let dec: number;
    let text: string;
    if (shape.isValue && shape.stated) {
      value = shape.stated.v;
      dec = shape.stated.dec;
      text = shape.stated.text;
    } else {
      const v = evaluate(node);
      if (!v) continue;
      value = v.v;
      dec = Infinity;
      text = R.formatExact(v.v);
    }
    const unit = shape.stated?.percent ? '%' : shape.hasCurrency ? '$' : ([...shape.units][0] ?? '');
    out.push({ key: label.key, label: label.label, value, dec, unit, text: (shape.hasCurrency ? '$' : '') + text + (unit && unit !== '$' && unit !== '%' ? ` ${unit}` : '') });
  }
  return out;
}

/** Equal, or equal once the more precise one is rounded to the other's decimals. */
export function sameValue(a: Rational, aDec: number, b: Rational, bDec: number): boolean {
  if (R.eq(a, b)) return true;
  const d = Math.min(aDec, bDec);
  if (d === Infinity) return false;
  const [precise, coarse] = aDec > bDec ? [a, b] : [b, a];
  return R.eq(R.roundTo(precise, d), coarse) || R.eq(R.truncTo(precise, d), coarse);
}

export type Inconsistency = { statement: Statement; earlier: Statement & { step: number } };

export class ConsistencyTable {
  private readonly table = new Map<string, Statement & { step: number }>();

  /** Records a step's statements; returns those that contradict an earlier statement. */
  add(step: number, statements: readonly Statement[]): Inconsistency[] {
    const out: Inconsistency[] = [];
    for (const s of statements) {
      const earlier = this.table.get(s.key);
      if (earlier && earlier.unit === s.unit && !sameValue(earlier.value, earlier.dec, s.value, s.dec)) out.push({ statement: s, earlier });
      this.table.set(s.key, { ...s, step });
    }
    return out;
  }
}
