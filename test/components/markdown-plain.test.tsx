/**
 * The plain-line shortcut must render exactly what the Markdown parser renders. The oracle is the
 * parser itself: the same text followed by a blank line (which changes no Markdown document, and
 * keeps the shortcut out of the way) goes through react-markdown.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { isPlainLine, Markdown } from '../../src/components/Markdown';
import { mulberry32 } from '../../src/core/random';

const html = (text: string) => renderToStaticMarkup(<Markdown text={text} />);

describe('Markdown: plain lines skip the parser and render the same', () => {
  it('takes ordinary reasoning sentences', () => {
    for (const line of ['The warehouse handles 35 boxes per hour, so in 3 hours it handles 35 × 3 = 105.', 'Wait, let me re-check: 12 / 4 = 3 (not 4).', 'Step 3: carry the one.', 'Ünïcode façade — fine; 50% done?']) {
      expect(isPlainLine(line), line).toBe(true);
      expect(html(line)).toBe(html(`${line}\n\n`));
    }
  });

  it('leaves every kind of markup to the parser', () => {
    for (const line of ['- a list', '1. numbered', '# heading', '> quote', 'a **bold** word', 'an _em_ word', 'some `code`', 'a [link](https://x.org)', 'see www.example.com', 'mail me at a@b.org', 'go to https://x.org', 'a &amp; b', 'x <b>y</b>', 'a | b', '~~no~~', 'costs $5', 'a\\*b', 'two\nlines', 'trailing  ', '12 × 3 = 36']) {
      expect(isPlainLine(line), line).toBe(false);
    }
  });

  it('matches the parser on 5,000 random lines it takes', () => {
    const next = mulberry32(99);
    const pieces = ['a', 'Z', 'é', '漢', '1', '0.', ')', ' ', '  ', ':', '/', '.', ',', '-', '+', '=', '#', '>', '!', '?', '(', '%', '"', "'", '×', '\u00a0', '😀', 'www', 'http', '^', '{', '}', ';'];
    let taken = 0;
    for (let k = 0; k < 5000; k++) {
      let line = 'W';
      const n = Math.floor(next() * 30);
      for (let i = 0; i < n; i++) line += pieces[Math.floor(next() * pieces.length)];
      if (!isPlainLine(line)) continue;
      taken += 1;
      expect(html(line), JSON.stringify(line)).toBe(html(`${line}\n\n`));
    }
    expect(taken).toBeGreaterThan(1000);
  });
});
