/** The shape of a parsed expression: the facts the checks use to stay quiet when in doubt. */
import type { Node } from './expression';
import * as R from './rational';
import type { Rational } from './rational';

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
