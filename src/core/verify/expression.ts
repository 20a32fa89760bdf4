/**
 * Parsing and exact evaluation of one arithmetic expression given as a token range: this file
 * parses tokens into a `Node` tree (precedence climbing, implicit products, mixed numbers, unit
 * phrases); expression-value.ts evaluates it exactly, expression-shape.ts describes its shape.
 * Unknowns (variables, \pi, irrational roots) make the value `null`: the checks never guess.
 */
import * as R from './rational';
import type { Rational } from './rational';
import type { Token } from './lexer';
import { canonicalUnit } from './unit-words';

export { evaluate, type Interval } from './expression-value';
export { shapeOf, type Shape } from './expression-shape';
export { canonicalUnit, singular } from './unit-words';

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
