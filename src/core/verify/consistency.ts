/**
 * Value consistency: a symbol table of explicitly labelled quantities ("Total cost = $45",
 * "Sally's age: 19 years"). When a later step restates the same label with a different value
 * (beyond rounding, same unit) without computing it anew, it is a warning, or a note when
 * the step carries a self-correction marker.
 *
 * Deliberately narrow, because math chains legitimately reuse labels for new cases:
 *   - only `label = … = value` and `Label: value` with at least two content words;
 *   - never a label that announces a new state or case ("new total", "remaining", "now",
 *     "for n = 3, …", "if …", "suppose …", "let's try …");
 *   - a label that already took two values (within a step or across steps) is a variable
 *     quantity from then on and is not compared again;
 *   - a restatement that is computed again ("total = 6 × 9 = 54") is a new computation, not a
 *     contradiction: only a bare restatement ("total cost = $54") is a warning.
 */
import * as R from './rational';
import type { Rational } from './rational';
import { leftRange, rightRange, type MathText } from './arithmetic';
import { evaluate, parseRange, shapeOf } from './expression';
import { tokensText, type Token } from './lexer';

const STOP = new Set(
  'so thus therefore hence then the a an and of for in on at to by with from is are was were be our my his her their its this that we i you he she they it which'.split(
    ' ',
  ),
);
/** Labels that announce a changed or different quantity. */
const UPDATE = new Set(
  ('new now remaining left updated current final after before initial original first second third fourth fifth next last another other each per ' +
    'these those additional extra more less rest still every case part step option answer result value try trying suppose assume assuming ' +
    'if when let lets possible scenario example guess estimate test testing check checking verify verifying combination').split(
    ' ',
  ),
);

export type Statement = {
  key: string;
  label: string;
  value: Rational;
  dec: number;
  unit: string;
  text: string;
  /** The statement computes its value ("label = 5 × 9 = 45"), rather than only stating it. */
  computed: boolean;
};

/**
 * Text earlier in the step that scopes what follows to a case: "Bottle B:", "consider the case",
 * "for a = 27", "if …", "suppose …", "verify …".
 */
const SCOPED = /\b(?:case|cases|consider|considering|suppose|assume|assuming|if|when|for|verify|verifying|check|checking|scenario|option|alternatively|instead|otherwise)\b|:[ \t]*(?:\n|$)/i;

/** Words before a label (same sentence) that make it conditional: "For n = 3, sum = 6". */
const CONDITIONAL = /^(?:if|when|for|suppose|assume|assuming|try|trying|let|lets|let's|case|with|given|using|taking|choose|choosing|whenever)$/i;

const MAX_LABEL_WORDS = 6;

function labelBefore(tokens: readonly Token[], k: number, needSentenceStart: boolean): { key: string; label: string } | null {
  const ws: string[] = [];
  let i = k - 1;
  while (i >= 0 && tokens[i].kind === 'word' && ws.length < MAX_LABEL_WORDS) {
    ws.unshift(tokens[i].text);
    i--;
  }
  if (ws.length === 0) return null;
  // Conditional context earlier in the sentence.
  for (let j = i; j >= 0 && j > i - 12; j--) {
    const t = tokens[j];
    if (t.kind === 'nl' || (t.kind === 'other' && /^[.;!?]$/.test(t.text))) break;
    if (t.kind === 'word' && CONDITIONAL.test(t.text)) return null;
  }
  const before = tokens[i];
  const atStart = !before || before.kind === 'nl' || (before.kind === 'other' && /^[.;:!?"]$/.test(before.text));
  if (needSentenceStart && !atStart) return null;
  // Only a label if it is not the tail of a longer phrase ("… of 3 boxes = 5" is not a label).
  if (before && (before.kind === 'num' || before.kind === 'unit' || before.kind === 'var' || before.kind === 'rparen' || before.kind === 'eq' || before.kind === 'op')) return null;
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
  if (math.baseN || /≡|\bmod(?:ulo)?\b/i.test(math.text)) return [];
  const { tokens } = math;
  const scopedFrom = (() => {
    const m = SCOPED.exec(math.text);
    return m ? m.index : Infinity;
  })();
  const out: Statement[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const isColon = t.kind === 'other' && t.text === ':';
    if (t.kind !== 'eq' && !isColon) continue;
    if (leftRange(tokens, k)) continue;
    const label = labelBefore(tokens, k, isColon);
    if (!label) continue;
    if (t.start > scopedFrom) continue;
    // Follow "label = a = b = value" to the last sign of the statement.
    let last = k;
    let computed = false;
    for (let j = k + 1; j < tokens.length; j++) {
      const u = tokens[j];
      if (u.kind === 'eq') {
        if (!sameStatement(tokens, last + 1, j)) break;
        last = j;
      } else if (u.kind === 'op' || u.kind === 'sqrt' || u.kind === 'bang') computed = true; else if (u.kind === 'nl' || (u.kind === 'other' && /^[;!?]$/.test(u.text)) || u.kind === 'approx') break;
      else if (u.kind === 'other' && u.text === '.' && (tokens[j + 1]?.space ?? true)) break;
      if (isColon) break;
    }
    const rr = rightRange(tokens, last);
    if (!rr) continue;
    if (rr.after && !rr.after.space && (rr.after.kind === 'word' || rr.after.kind === 'var')) continue;
    if (rr.after && (rr.after.kind === 'scale' || rr.after.kind === 'num')) continue;
    // "Arithmetic sequence: 27, 20, 13" is a list, not a value.
    if (rr.after?.kind === 'other' && rr.after.text === ',' && tokens[rr.to + 1]?.kind === 'num') continue;
    const node = parseRange(tokens, rr.from, rr.to);
    if (!node) continue;
    const shape = shapeOf(node);
    if (shape.hasScale) continue;
    let value: Rational;
    let dec: number;
    let text: string;
    if (shape.hasOp && !shape.isValue) computed = true;
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
    out.push({
      key: label.key,
      label: label.label,
      value,
      dec,
      unit,
      computed,
      text: shape.isValue ? tokensText(tokens, rr.from, rr.to) : text,
    });
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

type Entry = Statement & { step: number; varying: boolean };

export class ConsistencyTable {
  private readonly table = new Map<string, Entry>();

  /** Records a step's statements; returns the bare restatements that contradict an earlier step. */
  add(step: number, statements: readonly Statement[]): Inconsistency[] {
    const out: Inconsistency[] = [];
    // A label with several values inside one step is being enumerated.
    const inStep = new Map<string, Statement[]>();
    for (const s of statements) inStep.set(s.key, [...(inStep.get(s.key) ?? []), s]);
    for (const [key, list] of inStep) {
      const s = list[list.length - 1];
      const enumerated = list.some((o) => o.unit !== s.unit || !sameValue(o.value, o.dec, s.value, s.dec));
      const earlier = this.table.get(key);
      let varying = enumerated || (earlier?.varying ?? false);
      if (earlier && !varying && earlier.unit === s.unit && !sameValue(earlier.value, earlier.dec, s.value, s.dec)) {
        varying = true;
        if (!list[0].computed && !s.computed) out.push({ statement: list[0], earlier });
      }
      this.table.set(key, { ...s, step, varying });
    }
    return out;
  }
}
