/**
 * Text normalisation for the arithmetic and consistency checks: GSM8K calculator annotations,
 * Markdown emphasis, LaTeX math and Unicode operators become one plain notation that the
 * tokenizer understands:
 *
 *   ×  /  +  -  ^  %  ( )  =  ≈  √(…)  $   numbers with thousands commas   words
 *
 * Anything that is not plain arithmetic (≤, ≡, ⇒, …, |, _, LaTeX commands such as \pi or
 * \binom) is kept as an opaque symbol so the checks can see it and stay silent.
 */

export type Annotation = { lhs: string; rhs: string };

const ANNOTATION = /<<([^<>=]*)=([^<>]*)>>/g;

/** Splits GSM8K calculator annotations `<<48/2=24>>` out of a step; the visible text keeps the rest. */
export function extractAnnotations(text: string): { visible: string; annotations: Annotation[] } {
  const annotations: Annotation[] = [];
  const visible = stripInvisible(text).replace(ANNOTATION, (_m, lhs: string, rhs: string) => {
    annotations.push({ lhs, rhs });
    return '';
  });
  return { visible, annotations };
}

/** Commands that become a plain operator or symbol. */
const SIMPLE: Record<string, string> = {
  times: ' × ',
  cdot: ' × ',
  ast: ' × ',
  div: ' ÷ ',
  approx: ' ≈ ',
  simeq: ' ≈ ',
  thickapprox: ' ≈ ',
  sim: ' ≈ ',
  ne: ' ≠ ',
  neq: ' ≠ ',
  le: ' ≤ ',
  leq: ' ≤ ',
  leqslant: ' ≤ ',
  ge: ' ≥ ',
  geq: ' ≥ ',
  geqslant: ' ≥ ',
  lt: ' < ',
  gt: ' > ',
  ll: ' ≤ ',
  gg: ' ≥ ',
  equiv: ' ≡ ',
  pmod: ' ≡ mod ',
  bmod: ' ≡ mod ',
  mod: ' ≡ mod ',
  implies: ' ⇒ ',
  Rightarrow: ' ⇒ ',
  Longrightarrow: ' ⇒ ',
  rightarrow: ' ⇒ ',
  longrightarrow: ' ⇒ ',
  to: ' ⇒ ',
  iff: ' ⇒ ',
  therefore: ' ⇒ ',
  because: ' ⇒ ',
  quad: ' ',
  qquad: ' ',
  displaystyle: ' ',
  textstyle: ' ',
  limits: ' ',
  nolimits: ' ',
  hline: ' ',
  cdots: ' … ',
  ldots: ' … ',
  dots: ' … ',
  dotsc: ' … ',
  dotsb: ' … ',
  vdots: ' … ',
  circ: ' deg ',
  degree: ' deg ',
  pm: ' ± ',
  mp: ' ± ',
  mid: ' | ',
  vert: ' | ',
  lvert: ' | ',
  rvert: ' | ',
  left: '',
  right: '',
  big: '',
  Big: '',
  bigg: '',
  Bigg: '',
  bigl: '',
  bigr: '',
  Bigl: '',
  Bigr: '',
};

const TEXT_COMMANDS = new Set(['text', 'textrm', 'textbf', 'textit', 'mathrm', 'mathbf', 'mathit', 'mbox', 'textnormal', 'operatorname', 'emph']);
const FRAC_COMMANDS = new Set(['frac', 'dfrac', 'tfrac', 'cfrac']);
const DROP_WITH_ARG = new Set(['tag', 'begin', 'end', 'label']);

/** Reads one LaTeX argument at `i`: a balanced {group}, a single command, or a single character. */
function readArg(s: string, i: number): { arg: string; end: number } | null {
  while (i < s.length && s[i] === ' ') i++;
  if (i >= s.length) return null;
  if (s[i] === '{') {
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      if (s[j] === '\\') {
        j++;
        continue;
      }
      if (s[j] === '{') depth++;
      else if (s[j] === '}' && --depth === 0) return { arg: s.slice(i + 1, j), end: j + 1 };
    }
    return null;
  }
  if (s[i] === '\\') {
    const m = /^\\[A-Za-z]+/.exec(s.slice(i));
    if (m) return { arg: m[0], end: i + m[0].length };
    return { arg: s.slice(i, i + 2), end: i + 2 };
  }
  return { arg: s[i], end: i + 1 };
}

const isPlainNumber = (s: string) => /^\s*-?\d+(?:\.\d+)?\s*$/.test(s);

/** Expands the LaTeX commands the checks understand; other commands stay as opaque `\name` symbols. */
function expandLatex(s: string, depth = 0): string {
  if (depth > 20 || !s.includes('\\')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const next = s[i + 1] ?? '';
    if (!/[A-Za-z]/.test(next)) {
      // Escapes: \% \$ \{ \} \, \; \! \\ \( \) \[ \]
      const map: Record<string, string> = {
        '%': '%',
        $: '$',
        '{': ' ⟦ ',
        '}': ' ⟧ ',
        '|': ' ‖ ',
        ',': ' ',
        ';': ' ',
        ':': ' ',
        '!': '',
        ' ': ' ',
        '\\': '\n',
        '(': ' ',
        ')': ' ',
        // Display math is a statement of its own.
        '[': '\n',
        ']': '\n',
        '&': ' & ',
        '#': ' # ',
        _: '_',
      };
      out += map[next] ?? ' ';
      i += 2;
      continue;
    }
    const name = /^[A-Za-z]+/.exec(s.slice(i + 1))![0];
    let j = i + 1 + name.length;
    if (FRAC_COMMANDS.has(name)) {
      const a = readArg(s, j);
      const b = a && readArg(s, a.end);
      if (a && b) {
        const A = expandLatex(a.arg, depth + 1);
        const B = expandLatex(b.arg, depth + 1);
        // A space before only where the fraction would otherwise touch an operand ("2\\frac{1}{2}"
        // is a mixed number, not 2 × 1/2); none after, so "\\frac{3}{2}a" stays a product with a variable.
        const lead = /[\w)]\s*$/.test(out) ? ' ' : '';
        out += isPlainNumber(A) && isPlainNumber(B) ? `${lead}(${A.trim()}/${B.trim()})` : `${lead}((${A})/(${B}))`;
        i = b.end;
        continue;
      }
    } else if (name === 'sqrt') {
      while (j < s.length && s[j] === ' ') j++;
      let index: string | null = null;
      if (s[j] === '[') {
        const close = s.indexOf(']', j);
        if (close > 0) {
          index = s.slice(j + 1, close);
          j = close + 1;
        }
      }
      const a = readArg(s, j);
      if (a) {
        const A = expandLatex(a.arg, depth + 1);
        out += index === null ? ` √(${A})` : ` \\root(${A})`;
        i = a.end;
        continue;
      }
    } else if (TEXT_COMMANDS.has(name) || name === 'boxed') {
      const a = readArg(s, j);
      if (a) {
        // A boxed answer stands apart from the equation before it ("= -24 \boxed{-24}").
        const sep = name === 'boxed' ? '\n' : ' ';
        out += `${sep}${expandLatex(a.arg, depth + 1)}${sep}`;
        i = a.end;
        continue;
      }
    } else if (DROP_WITH_ARG.has(name)) {
      const a = readArg(s, j);
      out += ' ';
      i = a ? a.end : j;
      continue;
    } else if (name in SIMPLE) {
      out += SIMPLE[name];
      // \left. and \right. are invisible delimiters
      if ((name === 'left' || name === 'right') && s[j] === '.') j++;
      i = j;
      continue;
    }
    // Unknown command (\pi, \log, \binom, \overline …): an opaque symbol.
    out += ` \\${name}`;
    i = j;
  }
  return out;
}

/** The characters the Unicode-operator replacements below look for (none of them is ASCII). */
/**
 * Format characters that render as nothing but split a number for the tokenizer: zero-width
 * space/joiners and marks (U+200B–U+200F), bidi embeddings and overrides (U+202A–U+202E), word
 * joiner and invisible operators and bidi isolates (U+2060–U+2069), Arabic letter mark (U+061C),
 * Mongolian vowel separator (U+180E), soft hyphen (U+00AD) and the BOM / zero-width no-break
 * space (U+FEFF). `17 × 2\u200B4 = 418` reads as `17 × 24 = 418` to a person, so it must to the
 * checker too.
 */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** Removes invisible format characters (see INVISIBLE); text without any is returned as is. */
export function stripInvisible(text: string): string {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(text) ? text.replace(INVISIBLE, '') : text;
}

const UNICODE_OPS = /[−‒﹣－–✕⨯∙·⋅∗÷⁄∕≃≅²³“”‘’]/;

/**
 * Normalises a step (annotations already removed) for tokenizing. Each replacement runs only
 * when the text holds a character it needs (a replacement that cannot match changes nothing),
 * so plain prose costs a few `includes` instead of a dozen regex passes.
 */
export function normalizeMath(text: string): string {
  let s = stripInvisible(text);
  // Markdown: bold/italic markers and bullets; keep ** between numbers (power).
  if (s.includes('**')) s = s.replace(/(\d|\))\s*\*\*\s*(?=[\d(])/g, '$1^');
  if (s.includes('**') || s.includes('__')) s = s.replace(/\*\*|__/g, ' ');
  // *emphasis* markers touching a word (but keep 2*x and x*3 as products).
  const star = s.includes('*');
  if (star) s = s.replace(/(?<=[A-Za-z:.,])\*(?![\d(])|(?<![\d)])\*(?=[A-Za-z])/g, ' ');
  if (star || s.includes('-') || s.includes('•')) s = s.replace(/^[ \t]*[*•-][ \t]+/gm, '  ');
  // LaTeX thousands separators: 1{,}000 and 1\,000 / 1\!000.
  if (s.includes('{,}')) s = s.replace(/\{,\}/g, ',');
  if (s.includes('\\')) for (let k = 0; k < 3; k++) s = s.replace(/(\d)\\[,!](\d{3})(?!\d)/g, '$1,$2');
  // Degrees: 60^\circ, 60^{\circ}, 60°.
  if (s.includes('\\circ')) s = s.replace(/\^\s*\{?\s*\\circ\s*\}?/g, ' deg ');
  if (s.includes('°')) s = s.replace(/°/g, ' deg ');
  if (s.includes('$$')) s = s.replace(/\$\$/g, ' ');
  // Matrices, arrays and cases are not arithmetic we read: one opaque symbol.
  if (s.includes('\\begin')) s = s.replace(/\\begin\{(p|b|v|V|B|small)?matrix\*?\}[\s\S]*?\\end\{\1?matrix\*?\}|\\begin\{(?:array|cases)\}[\s\S]*?\\end\{(?:array|cases)\}/g, ' \\matrix ');
  s = expandLatex(s);
  // Remaining groups behave like parentheses (2^{10}, a_{n+1}).
  if (s.includes('{')) s = s.replace(/\{/g, '(');
  if (s.includes('}')) s = s.replace(/\}/g, ')');
  // Unicode operators. (The replacements add only × and …, which none of the later ones look for.)
  if (UNICODE_OPS.test(s))
    s = s
      .replace(/[−‒﹣－]/g, '-')
      .replace(/(\S)\s+–\s+(?=\S)/g, '$1 - ')
      .replace(/–/g, ' – ')
      .replace(/[✕⨯∙·⋅∗]/g, '×');
  if (s.includes('*')) s = s.replace(/\*/g, '×');
  if (UNICODE_OPS.test(s))
    s = s
      .replace(/[÷⁄∕]/g, '/')
      .replace(/[≃≅]/g, '≈')
      .replace(/²/g, '^2')
      .replace(/³/g, '^3');
  if (s.includes('...')) s = s.replace(/\.\.\.+/g, ' … ');
  if (UNICODE_OPS.test(s)) s = s.replace(/[“”]/g, '"').replace(/[‘’]/g, "'");
  // "~15" (approximately) vs LaTeX's non-breaking space "2~cm".
  if (s.includes('~')) s = s.replace(/(^|[\s=(])~\s*(?=[\d$])/g, '$1≈ ').replace(/~/g, ' ');
  return s;
}
