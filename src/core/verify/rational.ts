/**
 * Exact rational numbers on BigInt. Always normalised: gcd(n, d) = 1 and d > 0.
 * Operations return null instead of throwing when the result is undefined (division by
 * zero) or would be unreasonably large (so a hostile "10^10^10" cannot hang a worker).
 */
export type Rational = { readonly n: bigint; readonly d: bigint };

/** Results whose numerator or denominator would exceed this many bits are refused. */
const MAX_BITS = 4096;

const abs = (a: bigint): bigint => (a < 0n ? -a : a);

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function bitLength(a: bigint): number {
  return abs(a).toString(2).length;
}

/** 2^MAX_BITS: a value has more than MAX_BITS bits exactly when its magnitude reaches this. */
const TOO_BIG = 1n << BigInt(MAX_BITS);

export function rat(n: bigint, d: bigint = 1n): Rational | null {
  if (d === 0n) return null;
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  // gcd(n, 1) = 1: integers need no reduction.
  const g = d === 1n ? 1n : gcd(n, d);
  const r = g > 1n ? { n: n / g, d: d / g } : { n, d };
  if (abs(r.n) >= TOO_BIG || r.d >= TOO_BIG) return null;
  return r;
}

export const ZERO: Rational = { n: 0n, d: 1n };
export const ONE: Rational = { n: 1n, d: 1n };
export const HUNDRED: Rational = { n: 100n, d: 1n };

/**
 * Parses a plain decimal literal: optional sign, digits, optional fraction ("-12.50", ".5").
 * Thousands separators must already be removed.
 */
export function parseDecimal(text: string): Rational | null {
  // Fast path: a plain integer that a double holds exactly.
  if (text.length > 0 && text.length <= 15) {
    let digits = true;
    for (let i = 0; i < text.length && digits; i++) {
      const c = text.charCodeAt(i);
      digits = c >= 48 && c <= 57;
    }
    if (digits) return { n: BigInt(Number(text)), d: 1n };
  }
  const m = /^([+-]?)(\d*)(?:\.(\d+))?$/.exec(text.trim());
  if (!m || (m[2] === '' && m[3] === undefined)) return null;
  const frac = m[3] ?? '';
  const digits = BigInt((m[2] || '0') + frac);
  const value = rat(digits, 10n ** BigInt(frac.length));
  return value && m[1] === '-' ? neg(value) : value;
}

export const neg = (a: Rational): Rational => ({ n: -a.n, d: a.d });
export const add = (a: Rational, b: Rational): Rational | null => rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational): Rational | null => rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational): Rational | null => rat(a.n * b.n, a.d * b.d);
export const div = (a: Rational, b: Rational): Rational | null => (b.n === 0n ? null : rat(a.n * b.d, a.d * b.n));

/** a^e for an integer exponent; null for non-integer exponents (irrational in general) or huge results. */
export function pow(a: Rational, e: Rational): Rational | null {
  if (e.d !== 1n) {
    // Exact roots of perfect powers (4^(1/2) = 2) are still rational.
    if (e.n === 1n && e.d <= 16n && a.n >= 0n) {
      const rn = intRoot(a.n, e.d);
      const rd = intRoot(a.d, e.d);
      return rn !== null && rd !== null ? rat(rn, rd) : null;
    }
    return null;
  }
  const k = e.n < 0n ? -e.n : e.n;
  if (a.n === 0n) return e.n < 0n ? null : e.n === 0n ? ONE : ZERO;
  // Refuse before computing: the result has about k × bits(a) bits.
  if (k * BigInt(Math.max(bitLength(a.n), bitLength(a.d))) > BigInt(MAX_BITS)) {
    if (!(abs(a.n) === 1n && a.d === 1n)) return null;
  }
  const r = rat(a.n ** k, a.d ** k);
  if (!r) return null;
  return e.n < 0n ? div(ONE, r) : r;
}

/** The exact integer k-th root of a non-negative integer, or null when it is not a perfect power. */
export function intRoot(a: bigint, k: bigint): bigint | null {
  if (a < 0n) return null;
  if (a < 2n) return a;
  // Newton's method on BigInt.
  const kk = k - 1n;
  let x = 1n << BigInt(Math.ceil(bitLength(a) / Number(k)) + 1);
  for (;;) {
    const y = (kk * x + a / x ** kk) / k;
    if (y >= x) break;
    x = y;
  }
  return x ** k === a ? x : null;
}

export function sqrt(a: Rational): Rational | null {
  return pow(a, { n: 1n, d: 2n });
}

/** n! for small non-negative integers (≤ 300), else null. */
export function factorial(a: Rational): Rational | null {
  if (a.d !== 1n || a.n < 0n || a.n > 300n) return null;
  let r = 1n;
  for (let i = 2n; i <= a.n; i++) r *= i;
  return rat(r);
}

export const cmp = (a: Rational, b: Rational): number => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
export const eq = (a: Rational, b: Rational): boolean => a.n === b.n && a.d === b.d;
export const isInteger = (a: Rational): boolean => a.d === 1n;
export const absR = (a: Rational): Rational => ({ n: abs(a.n), d: a.d });

/** Largest integer ≤ a. */
export function floor(a: Rational): bigint {
  const q = a.n / a.d;
  return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
}
export function ceil(a: Rational): bigint {
  return -floor(neg(a));
}

/** a rounded (half away from zero) to `places` decimals. */
export function roundTo(a: Rational, places: number): Rational {
  const scale = 10n ** BigInt(places);
  const scaled = absR({ n: a.n * scale, d: a.d });
  const q = floor({ n: 2n * scaled.n + scaled.d, d: 2n * scaled.d });
  return rat(a.n < 0n ? -q : q, scale) ?? ZERO;
}

/** a truncated (towards zero) to `places` decimals. */
export function truncTo(a: Rational, places: number): Rational {
  const scale = 10n ** BigInt(places);
  const q = (a.n * scale) / a.d; // BigInt division truncates towards zero
  return rat(q, scale) ?? ZERO;
}

/** A rational as a decimal string with at most `maxPlaces` decimals (rounded), trailing zeros trimmed. */
export function toDecimalString(a: Rational, maxPlaces = 4): string {
  if (a.d === 1n) return a.n.toString();
  const r = roundTo(a, maxPlaces);
  const sign = r.n < 0n ? '-' : '';
  const scale = 10n ** BigInt(maxPlaces);
  const scaled = (abs(r.n) * scale) / r.d;
  const int = scaled / scale;
  let frac = (scaled % scale).toString().padStart(maxPlaces, '0').replace(/0+$/, '');
  if (frac === '') frac = '';
  return `${sign}${int}${frac ? '.' + frac : ''}`;
}

/** "408", "10/3 ≈ 3.3333", "0.25". Terminating decimals are shown as decimals. */
export function formatExact(a: Rational): string {
  if (a.d === 1n) return a.n.toString();
  let d = a.d;
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  if (d === 1n && a.d <= 10n ** 8n) return toDecimalString(a, 8);
  return `${a.n}/${a.d} ≈ ${toDecimalString(a, 4)}`;
}

export function toNumber(a: Rational): number {
  return Number(a.n) / Number(a.d);
}
