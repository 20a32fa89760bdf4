/**
 * Parsing and exact evaluation of one arithmetic expression given as a token range.
 * Unknowns (variables, \pi, irrational roots) make the value `null`: the checks never guess.
 */
import * as R from './rational';
import type { Rational } from './rational';
import type { Token } from './tokens';

export type Node =
  | { t: 'num'; v: Rational; dec: number; text: string; units: string[]; cur: boolean; scale: boolean }
  | { t: 'var'; name: string }
  | { t: 'bin'; op: '+' | '-' | '×' | '/' | '^'; l: Node; r: Node; implicit?: boolean }
  | { t: 'neg'; e: Node }
  | { t: 'pct'; e: Node }
  | { t: 'fact'; e: Node }
  | { t: 'sqrt'; e: Node }
  | { t: 'group'; e: Node; units: string[] };

/** Deeper nesting than this is not arithmetic a model states; refuse rather than recurse. */
const MAX_DEPTH = 48;

class Parser {
  private pos: number;
  private depth = 0;
  constructor(
    private readonly tokens: readonly Token[],
    from: number,
    private readonly to: number,
  ) {
    this.pos = from;
  }
  private peek(offset = 0): Token | undefined {
    const p = this.pos + offset;
    return p < this.to ? this.tokens[p] : undefined;
  }
  private isOp(t: Token | undefined, ...ops: string[]): boolean {
    return !!t && t.kind === 'op' && ops.includes(t.text);
  }

  parseAll(): Node | null {
    const node = this.expr();
    return node && this.pos === this.to ? node : null;
  }

  private expr(): Node | null {
    let left = this.term();
    while (left && this.isOp(this.peek(), '+', '-')) {
      const op = this.peek()!.text as '+' | '-';
      this.pos++;
      const right = this.term();
      if (!right) return null;
      left = { t: 'bin', op, l: left, r: right };
    }
    return left;
  }

  private term(): Node | null {
    let left = this.unary();
    while (left) {
      const t = this.peek();
      if (this.isOp(t, '×', '/')) {
        this.pos++;
        const right = this.unary();
        if (!right) return null;
        left = { t: 'bin', op: t!.text as '×' | '/', l: left, r: right };
      } else if (t && !t.space && (t.kind === 'lparen' || t.kind === 'var' || t.kind === 'sqrt' || (t.kind === 'num' && left.t === 'group'))) {
        // Implicit product, only without a space: 2(3+4), (2)(3), 2\pi, 3x.
        const right = this.unary();
        if (!right) return null;
        left = { t: 'bin', op: '×', l: left, r: right, implicit: true };
      } else break;
    }
    return left;
  }

  private unary(): Node | null {
    const t = this.peek();
    if (t?.kind === 'cur') {
      // "$5", "$(3 + 4)", "-$5", "$-5": the currency sign is a decoration.
      this.pos++;
      const e = this.unary();
      if (e?.t === 'num') e.cur = true;
      return e;
    }
    if (this.isOp(t, '-', '+')) {
      this.pos++;
      const e = this.unary();
      if (!e) return null;
      return t!.text === '-' ? { t: 'neg', e } : e;
    }
    return this.power();
  }

  private power(): Node | null {
    const base = this.postfix();
    if (base && this.isOp(this.peek(), '^')) {
      this.pos++;
      const exp = this.unary();
      if (!exp) return null;
      return this.units({ t: 'bin', op: '^', l: base, r: exp });
    }
    return base;
  }

  private postfix(): Node | null {
    let e = this.primary();
    while (e) {
      const t = this.peek();
      if (t?.kind === 'percent') {
        this.pos++;
        e = this.units({ t: 'pct', e });
      } else if (t?.kind === 'bang' && !t.space && (e.t === 'num' || e.t === 'group')) {
        this.pos++;
        e = { t: 'fact', e };
      } else break;
    }
    return e;
  }

  /**
   * Unit phrase after an operand: its head ("5 apples", "8 bottles of bleach" → apple, bottle)
   * and its rates ("$5/hour", "$8 per month", "4 days a week" → /hour, /month, /week).
   */
  private units<N extends Node>(node: N): N {
    let expect: 'head' | 'rate' | 'skip' | 'done' = 'head';
    while (this.peek()?.kind === 'unit' || this.peek()?.kind === 'scale') {
      const t = this.peek()!;
      this.pos++;
      if (t.kind === 'scale') {
        if (node.t === 'num') node.scale = true;
        continue;
      }
      if (node.t !== 'num' && node.t !== 'group') continue;
      const w = t.text.toLowerCase();
      if (w === '/' || w === 'per' || w === 'a' || w === 'an') expect = 'rate';
      else if (w === 'of' || w === 'for' || w === 'in') expect = 'skip';
      else if (w === 'each' || w === 'total' || w === '^' || /^\d/.test(w)) continue;
      else if (expect === 'rate') {
        node.units.push('/' + canonicalUnit(w));
        expect = 'done';
      } else if (expect === 'head') {
        node.units.push(canonicalUnit(w));
        expect = 'done';
      } else if (expect === 'skip') expect = 'done';
    }
    return node;
  }

  private primary(): Node | null {
    const t = this.peek();
    if (!t) return null;
    if (t.kind === 'cur') {
      this.pos++;
      const node = this.primary();
      if (node?.t === 'num') node.cur = true;
      return node;
    }
    if (t.kind === 'num') return this.number();
    if (t.kind === 'lparen') {
      if (++this.depth > MAX_DEPTH) return null;
      this.pos++;
      const e = this.expr();
      this.depth--;
      if (!e || this.peek()?.kind !== 'rparen') return null;
      this.pos++;
      return this.units({ t: 'group', e, units: [] });
    }
    if (t.kind === 'var') {
      this.pos++;
      return { t: 'var', name: t.text };
    }
    if (t.kind === 'sqrt') {
      this.pos++;
      const e = this.primary();
      return e ? { t: 'sqrt', e } : null;
    }
    return null;
  }

  private number(): Node | null {
    const t = this.peek()!;
    if (!t.value) return null;
    this.pos++;
    // A mixed number: "3 1/2".
    const a = this.peek();
    const slash = this.peek(1);
    const b = this.peek(2);
    if (
      t.decimals === 0 &&
      a?.kind === 'num' &&
      a.space &&
      a.decimals === 0 &&
      slash?.kind === 'op' &&
      slash.text === '/' &&
      !slash.space &&
      b?.kind === 'num' &&
      !b.space &&
      b.decimals === 0 &&
      R.cmp(a.value!, b.value!) < 0
    ) {
      const frac = R.div(a.value!, b.value!);
      const v = frac && R.add(t.value!, frac);
      if (v) {
        this.pos += 3;
        return this.units({ t: 'num', v, dec: Infinity, text: `${t.text} ${a.text}/${b.text}`, units: [], cur: false, scale: false });
      }
    }
    const num: Node = { t: 'num', v: t.value!, dec: t.decimals ?? 0, text: t.text, units: [], cur: false, scale: false };
    // A written fraction binds tighter than a spaced operator: "1 1/2 / 1/2" is 1.5 ÷ 0.5.
    if (a?.kind === 'op' && a.text === '/' && !a.space && slash?.kind === 'num' && !slash.space && t.decimals === 0 && slash.decimals === 0) {
      const before = this.tokens[this.pos - 2];
      const spacedOps = (before?.kind === 'op' && before.space) || (b?.kind === 'op' && b.space);
      if (spacedOps) {
        this.pos += 2;
        const den: Node = { t: 'num', v: slash.value!, dec: 0, text: slash.text, units: [], cur: false, scale: false };
        return this.units({ t: 'group', e: { t: 'bin', op: '/', l: num, r: den }, units: [] });
      }
    }
    return this.units(num);
  }
}

export function parseRange(tokens: readonly Token[], from: number, to: number): Node | null {
  if (from >= to) return null;
  return new Parser(tokens, from, to).parseAll();
}

/**
 * Could this literal be a rounded value (0.33, 3.14, 11.5098)? Money ($4.99) and round
 * decimals ending in 0 or 5 (0.05, 0.25, 2.50) are taken as exact.
 */
function mayBeRounded(node: Extract<Node, { t: 'num' }>, widenFrom: number): boolean {
  if (node.dec === Infinity || node.dec < widenFrom || node.cur) return false;
  const last = node.text[node.text.length - 1];
  return last !== '0' && last !== '5';
}

/** A value with the interval it may stand for when rounded literals are allowed to vary. */
export type Interval = { v: Rational; lo: Rational; hi: Rational };

const point = (v: Rational): Interval => ({ v, lo: v, hi: v });

function combine(a: Interval, b: Interval, f: (x: Rational, y: Rational) => Rational | null): Interval | null {
  const v = f(a.v, b.v);
  if (!v) return null;
  if (a.lo === a.hi && b.lo === b.hi) return point(v);
  const c = [f(a.lo, b.lo), f(a.lo, b.hi), f(a.hi, b.lo), f(a.hi, b.hi)];
  if (c.some((x) => x === null)) return null;
  const xs = c as Rational[];
  let lo = xs[0];
  let hi = xs[0];
  for (const x of xs) {
    if (R.cmp(x, lo) < 0) lo = x;
    if (R.cmp(x, hi) > 0) hi = x;
  }
  return { v, lo, hi };
}

const spansZero = (a: Interval) => R.cmp(a.lo, R.ZERO) <= 0 && R.cmp(a.hi, R.ZERO) >= 0;

/**
 * Exact value of a node; with `widenFrom` = d, every decimal literal with at least d decimals
 * that may be rounded (see mayBeRounded) stands for [x − 10^-d, x + 10^-d], so
 * "0.33 × 300 = 100" is not called wrong. Returns null for unknowns or undefined results.
 */
export function evaluate(node: Node, widenFrom = Infinity): Interval | null {
  switch (node.t) {
    case 'num': {
      if (mayBeRounded(node, widenFrom)) {
        const ulp = R.rat(1n, 10n ** BigInt(node.dec))!;
        return { v: node.v, lo: R.sub(node.v, ulp)!, hi: R.add(node.v, ulp)! };
      }
      return point(node.v);
    }
    case 'var':
      return null;
    case 'group':
      return evaluate(node.e, widenFrom);
    case 'neg': {
      const e = evaluate(node.e, widenFrom);
      return e && { v: R.neg(e.v), lo: R.neg(e.hi), hi: R.neg(e.lo) };
    }
    case 'pct': {
      const e = evaluate(node.e, widenFrom);
      return e && combine(e, point(R.HUNDRED), R.div);
    }
    case 'fact':
    case 'sqrt': {
      const e = evaluate(node.e, widenFrom);
      if (!e) return null;
      const v = node.t === 'fact' ? R.factorial(e.v) : R.sqrt(e.v);
      return v && point(v);
    }
    case 'bin': {
      const l = evaluate(node.l, widenFrom);
      const r = evaluate(node.r, widenFrom);
      if (!l || !r) return null;
      switch (node.op) {
        case '+':
          return combine(l, r, R.add);
        case '-':
          return combine(l, r, R.sub);
        case '×':
          return combine(l, r, R.mul);
        case '/':
          if (r.lo !== r.hi && spansZero(r)) return null;
          return combine(l, r, R.div);
        case '^': {
          if (r.lo !== r.hi) return null;
          const v = R.pow(l.v, r.v);
          if (!v) return null;
          if (l.lo === l.hi) return point(v);
          const a = R.pow(l.lo, r.v);
          const b = R.pow(l.hi, r.v);
          if (!a || !b) return null;
          let lo = R.cmp(a, b) < 0 ? a : b;
          const hi = R.cmp(a, b) < 0 ? b : a;
          if (spansZero(l) && r.v.d === 1n && r.v.n % 2n === 0n) lo = R.ZERO;
          return { v, lo, hi };
        }
      }
    }
  }
}

/** Facts about a parsed expression that the checks use to stay quiet when in doubt. */
export type Shape = {
  /** Contains a binary operator, root or factorial (not just a number). */
  hasOp: boolean;
  /** A single literal value: 12, -3, 20%, $5, 3 1/2, or a fraction of two integers (7/2). */
  isValue: boolean;
  /** For a value: the stated literal (20 for "20%"), its decimals (Infinity for fractions), whether it is a percentage. */
  stated?: { v: Rational; dec: number; percent: boolean; text: string };
  hasPercent: boolean;
  /** "50 + 10%": a percentage added to a plain number, ambiguous. */
  ambiguousPercent: boolean;
  hasScale: boolean;
  /** Canonical unit heads ("apple", "hour", "$") and rates ("/hour"). */
  units: Set<string>;
  hasCurrency: boolean;
  /** The leftmost number literal (for "3 × 4 = 12 + 3" run-on chains). */
  first?: Rational;
  /** Operators used. */
  ops: Set<string>;
};

const isPct = (n: Node): boolean => n.t === 'pct' || (n.t === 'group' && isPct(n.e)) || (n.t === 'neg' && isPct(n.e));

function unwrap(n: Node): Node {
  return n.t === 'group' ? unwrap(n.e) : n;
}

export function shapeOf(node: Node): Shape {
  const s: Shape = { hasOp: false, isValue: false, hasPercent: false, ambiguousPercent: false, hasScale: false, units: new Set(), hasCurrency: false, ops: new Set() };
  const walk = (n: Node) => {
    switch (n.t) {
      case 'num':
        if (!s.first) s.first = n.v;
        n.units.forEach((u) => s.units.add(u));
        if (n.cur) s.hasCurrency = true;
        if (n.scale) s.hasScale = true;
        return;
      case 'var':
        return;
      case 'group':
        n.units.forEach((u) => s.units.add(u));
        walk(n.e);
        return;
      case 'neg':
        walk(n.e);
        return;
      case 'pct':
        s.hasPercent = true;
        walk(n.e);
        return;
      case 'fact':
      case 'sqrt':
        s.hasOp = true;
        s.ops.add(n.t);
        walk(n.e);
        return;
      case 'bin':
        s.hasOp = true;
        s.ops.add(n.op);
        if ((n.op === '+' || n.op === '-') && isPct(n.l) !== isPct(n.r)) s.ambiguousPercent = true;
        walk(n.l);
        walk(n.r);
        return;
    }
  };
  walk(node);
  // Values.
  let v = unwrap(node);
  let sign = 1n;
  if (v.t === 'neg') {
    sign = -1n;
    v = unwrap(v.e);
  }
  let percent = false;
  if (v.t === 'pct') {
    percent = true;
    v = unwrap(v.e);
  }
  if (v.t === 'num') {
    s.isValue = true;
    s.stated = { v: sign < 0n ? R.neg(v.v) : v.v, dec: v.dec, percent, text: (sign < 0n ? '-' : '') + v.text + (percent ? '%' : '') };
    s.hasOp = false;
  } else if (!percent && v.t === 'bin' && v.op === '/' && !v.implicit) {
    const a = unwrap(v.l);
    const b = unwrap(v.r);
    // Two plain integers: "300 minutes / 60" is a computation, not a fraction.
    if (a.t === 'num' && b.t === 'num' && a.dec === 0 && b.dec === 0 && a.units.length === 0 && b.units.length === 0 && !a.cur && !b.cur) {
      const f = R.div(a.v, b.v);
      if (f) {
        s.isValue = true;
        s.stated = { v: sign < 0n ? R.neg(f) : f, dec: Infinity, percent: false, text: `${sign < 0n ? '-' : ''}${a.text}/${b.text}` };
      }
    }
  }
  return s;
}

const UNIT_SYNONYMS: Record<string, string> = {
  dollar: '$', buck: '$', usd: '$', hr: 'hour', h: 'hour', min: 'minute', sec: 'second', s: 'second', feet: 'foot', ft: 'foot',
  inche: 'inch', in: 'inch', yd: 'yard', mi: 'mile', lb: 'pound', oz: 'ounce', kilogram: 'kg', gram: 'g', litre: 'liter', l: 'liter',
  metre: 'meter', penny: 'cent', pennie: 'cent', '¢': 'cent', yr: 'year',
};

/** "apples" → "apple", "hours"/"hrs" → "hour", "dollars" → "$". */
export function canonicalUnit(word: string): string {
  const w = singular(word);
  return UNIT_SYNONYMS[w] ?? w;
}

/** "apples" → "apple", "hours" → "hour" (enough to compare units). */
export function singular(word: string): string {
  const w = word.toLowerCase();
  if (w.length > 3 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}
