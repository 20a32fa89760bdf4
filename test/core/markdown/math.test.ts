import { describe, expect, it } from 'vitest';
import { normalizeMath } from '../../../src/core/markdown/math';

describe('normalizeMath', () => {
  it('turns \\[…\\] into display math with the TeX untouched', () => {
    expect(normalizeMath('So \\[ x_1 * y \\] holds.')).toBe('So \n$$\nx_1 * y\n$$\n holds.');
  });

  it('turns \\(…\\) and $…$ into inline math', () => {
    expect(normalizeMath('Let \\(a_i\\) and $b_j*c$ be given.')).toBe('Let $$a_i$$ and $$b_j*c$$ be given.');
  });

  it('leaves prices alone (Pandoc rule: no space inside the delimiters, no digit after the closer)', () => {
    const prices = 'Monday: $144 + $144 = $288, and $5 to $10.';
    expect(normalizeMath(prices)).toBe(prices);
    expect(normalizeMath('costs $5$6 total')).toBe('costs $5$6 total');
  });

  it('keeps $$…$$ on its own lines as display math and inline $$…$$ inline', () => {
    expect(normalizeMath('$$\n\\frac{a}{b}\n$$')).toBe('\n$$\n\\frac{a}{b}\n$$\n');
    expect(normalizeMath('area $$\\pi r^2$$ here')).toBe('area $$\\pi r^2$$ here');
  });

  it('does not touch code spans or fenced code', () => {
    const code = 'Use `$x$` or\n\n```\n\\[ y \\] $z$\n```\nthen $w$';
    expect(normalizeMath(code)).toBe('Use `$x$` or\n\n```\n\\[ y \\] $z$\n```\nthen $$w$$');
  });

  it('never lets single-dollar math span paragraphs, and keeps escaped dollars', () => {
    expect(normalizeMath('$a\n\nb$')).toBe('$a\n\nb$');
    expect(normalizeMath('\\$x$ is cash')).toBe('\\$x$ is cash');
  });
});
