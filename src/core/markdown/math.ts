/**
 * Rewrites the math delimiters models use (`$…$`, `\(…\)`, `\[…\]`, `$$…$$`) into the one form
 * remark-math parses with single-dollar math switched off (`$$…$$`), so the TeX inside reaches
 * the page verbatim instead of being read as Markdown (`\[` would lose its backslash, `x_1 * y_2`
 * its underscores and asterisks).
 *
 * A single `$` counts as math only by Pandoc's rule — the opening `$` has a non-space right after
 * it, the closing one a non-space right before it and no digit right after — so prices such as
 * "$144 + $144 = $288" stay prose. Code spans and fenced code blocks are left alone.
 */
export function normalizeMath(text: string): string {
  if (!/[$\\]/.test(text)) return text;
  const lines = text.split('\n');
  const out: string[] = [];
  let fence: string | undefined;
  let prose: string[] = [];
  const flush = () => {
    if (prose.length) out.push(rewriteProse(prose.join('\n')));
    prose = [];
  };
  for (const line of lines) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      out.push(line);
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
    } else if (marker) {
      flush();
      fence = marker;
      out.push(line);
    } else {
      prose.push(line);
    }
  }
  flush();
  return out.join('\n');
}

/** Block math gets its own lines so remark-math reads it as display math. */
function display(tex: string): string {
  return `\n$$\n${tex.trim()}\n$$\n`;
}

function inline(tex: string): string {
  return `$$${tex}$$`;
}

function rewriteProse(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '`') {
      // A code span: copy through the matching run of backticks verbatim.
      const run = /^`+/.exec(text.slice(i))![0];
      const close = text.indexOf(run, i + run.length);
      if (close < 0) {
        out += run;
        i += run.length;
        continue;
      }
      out += text.slice(i, close + run.length);
      i = close + run.length;
      continue;
    }
    if (ch === '\\' && (text[i + 1] === '[' || text[i + 1] === '(')) {
      const closer = text[i + 1] === '[' ? '\\]' : '\\)';
      const close = text.indexOf(closer, i + 2);
      if (close > i + 2) {
        const tex = text.slice(i + 2, close);
        out += text[i + 1] === '[' ? display(tex) : inline(tex);
        i = close + 2;
        continue;
      }
    }
    if (ch === '\\' && text[i + 1] === '$') {
      out += '\\$';
      i += 2;
      continue;
    }
    if (ch === '$' && text[i + 1] === '$') {
      const close = text.indexOf('$$', i + 2);
      if (close > i + 2) {
        const tex = text.slice(i + 2, close);
        out += tex.includes('\n') || atLineStart(text, i) ? display(tex) : inline(tex);
        i = close + 2;
        continue;
      }
    }
    if (ch === '$') {
      const close = singleDollarClose(text, i);
      if (close !== undefined) {
        out += inline(text.slice(i + 1, close));
        i = close + 1;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

function atLineStart(text: string, i: number): boolean {
  const start = text.lastIndexOf('\n', i - 1) + 1;
  return text.slice(start, i).trim() === '';
}

function singleDollarClose(text: string, open: number): number | undefined {
  const first = text[open + 1];
  if (first === undefined || /\s/.test(first)) return undefined;
  for (let j = open + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\n' && text[j + 1] === '\n') return undefined; // math never spans paragraphs
    if (c === '\\') {
      j++;
      continue;
    }
    if (c !== '$') continue;
    if (text[j + 1] === '$') return undefined;
    if (/\s/.test(text[j - 1]) || /[0-9]/.test(text[j + 1] ?? '')) return undefined;
    return j;
  }
  return undefined;
}
