/**
 * Final-answer extraction and comparison with a reference answer. Pure.
 *
 * Extraction, first rule that matches wins (each on the answer text):
 *  1. the last `\boxed{…}` / `\fbox{…}` (braces balanced) — MATH, ProcessBench, most reasoning models;
 *  2. the last `#### n` — GSM8K's own format;
 *  3. "the (final) answer is …" / "Answer: …" / "A: …" — up to the end of the sentence or line;
 *  4. when the reference is a multiple-choice letter: a letter A–J standing alone or in
 *     parentheses ("(C)", "C)", "option C"), the last one;
 *  5. the last number in the text.
 *
 * Comparison: both sides are cleaned (LaTeX delimiters and `\text{}`, bold, currency, thousands
 * separators — `1,000`, `1{,}000`, `1\,000` — percent signs, degrees and trailing unit words);
 * if both read as numbers (decimals, fractions `a/b` or `\frac{a}{b}`, a leading minus) they are
 * equal within max(1e-6 relative, half a unit in the last decimal the run wrote): "0.33" matches
 * 1/3, "18" does not match 18.5. Otherwise the cleaned texts are compared without spaces and case.
 */

export type ExtractionRule = 'boxed' | 'gsm8k' | 'phrase' | 'choice' | 'last-number';

export type Extracted = { value: string; rule: ExtractionRule };

const CHOICE = /^\(?([A-J])\)?\.?$/;

/** Whether a reference answer is a multiple-choice letter ("B", "(B)"). */
export const isChoiceReference = (reference: string): boolean => CHOICE.test(reference.trim());

/** Contents of the last `\boxed{…}` (or `\fbox{…}`), braces balanced; null if none. */
export function lastBoxed(text: string): string | null {
  let at = -1;
  let open = 0;
  for (const m of text.matchAll(/\\(?:boxed|fbox)\s*\{/g)) {
    at = m.index ?? 0;
    open = at + m[0].length;
  }
  if (at < 0) return null;
  let depth = 1;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open, i).trim();
  }
  return null;
}

function lastMatch(text: string, pattern: RegExp): RegExpExecArray | null {
  let found: RegExpExecArray | null = null;
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    found = m;
    if (m[0] === '') re.lastIndex++;
  }
  return found;
}

const NUMBER = /-?\$?\s?\d[\d,]*(?:\.\d+)?|-?\.\d+/;

export function extractAnswer(text: string, options: { choice?: boolean } = {}): Extracted | null {
  const boxed = lastBoxed(text);
  if (boxed !== null && boxed !== '') return { value: boxed, rule: 'boxed' };
  const hash = lastMatch(text, /^[ \t]*####[ \t]*(.+?)[ \t]*$/m);
  if (hash) return { value: hash[1], rule: 'gsm8k' };
  const phrase = lastMatch(text, /(?:the\s+(?:final\s+)?answer\s+is|final\s+answer\s*:|^\s*answer\s*:|^\s*A\s*:)\s*:?\s*([^\n]+?)(?:\.\s|\.?\s*$|\n)/im);
  if (phrase && phrase[1].trim()) return { value: phrase[1].trim(), rule: 'phrase' };
  if (options.choice) {
    const letter = lastMatch(text, /(?:\(([A-J])\)|\b(?:option|choice)\s+([A-J])\b|(?<![\w'])([A-J])\)|(?<![\w'])([A-J])(?![\w']))/);
    if (letter) return { value: letter[1] ?? letter[2] ?? letter[3] ?? letter[4], rule: 'choice' };
  }
  const num = lastMatch(text, NUMBER);
  if (num) return { value: num[0].trim(), rule: 'last-number' };
  return null;
}

/** The answer text without markup, currency, thousands separators or trailing units. */
export function cleanAnswer(value: string): string {
  let s = value.trim();
  s = s.replace(/\*\*|__/g, '');
  s = s.replace(/^\$+|\$+$/g, '').replace(/^\\\(|\\\)$/g, '').replace(/^\\\[|\\\]$/g, '');
  s = s.replace(/\\(?:text|textbf|mathrm|mbox|mathbf)\s*\{([^{}]*)\}/g, '$1');
  s = s.replace(/\\[dt]frac/g, '\\frac').replace(/\\left|\\right/g, '');
  s = s.replace(/\{,\}/g, ',').replace(/\\[,;!: ]/g, ' ').replace(/~/g, ' ');
  s = s.replace(/\^\s*\{?\\circ\}?|°/g, '').replace(/\\%|%/g, '');
  s = s.replace(/\\\$|[$€£¥]/g, '');
  s = s.replace(/\s+/g, ' ').trim().replace(/[.。]$/, '').trim();
  return s;
}

/** A cleaned answer as a number, or null: "1,234.5", "1 234", "3/4", "\frac{3}{4}", "-2", "18 dollars", "12 cm". */
export function answerNumber(clean: string): { value: number; decimals: number } | null {
  let s = clean.replace(/^[=:]\s*/, '');
  const frac = /^(-?)\\frac\s*\{\s*(-?\d+(?:\.\d+)?)\s*\}\s*\{\s*(-?\d+(?:\.\d+)?)\s*\}$/.exec(s) ?? /^(-?)\\frac(\d)(\d)$/.exec(s);
  if (frac) {
    const v = Number(frac[2]) / Number(frac[3]);
    return Number.isFinite(v) ? { value: frac[1] ? -v : v, decimals: 6 } : null;
  }
  // Thousands separators: commas or spaces between groups of three digits.
  s = s.replace(/(\d)[, ](?=\d{3}(?!\d))/g, '$1');
  // A trailing unit or label word ("18 dollars", "12 cm", "5 hours", "x = 4" is not a number).
  s = s.replace(/^(-?\d+(?:\.\d+)?|-?\.\d+)\s*[\p{L}][\p{L}\s./²³-]*$/u, '$1');
  const ratio = /^(-?\d+)\s*\/\s*(\d+)$/.exec(s);
  if (ratio) {
    const v = Number(ratio[1]) / Number(ratio[2]);
    return Number.isFinite(v) ? { value: v, decimals: 6 } : null;
  }
  if (!/^-?(?:\d+(?:\.\d*)?|\.\d+)$/.test(s)) return null;
  const dot = s.indexOf('.');
  return { value: Number(s), decimals: dot >= 0 ? s.length - dot - 1 : 0 };
}

/** Whether an extracted answer equals the reference (see the module comment for the rules). */
export function answersMatch(extracted: string, reference: string): boolean {
  const a = cleanAnswer(extracted);
  const b = cleanAnswer(reference);
  const ref = CHOICE.exec(b);
  if (ref) return CHOICE.exec(a)?.[1]?.toUpperCase() === ref[1].toUpperCase();
  const na = answerNumber(a);
  const nb = answerNumber(b);
  if (na && nb) {
    const tolerance = Math.max(1e-6 * Math.max(1, Math.abs(nb.value)), na.decimals > 0 && na.decimals < 6 ? 0.5 * 10 ** -na.decimals : 0);
    return Math.abs(na.value - nb.value) <= tolerance + 1e-12;
  }
  const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  return squash(a) === squash(b);
}
