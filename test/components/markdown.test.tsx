import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown, safeUrl } from '../../src/components/Markdown';
import { SCENARIOS } from '../../src/core/demo/scenarios';

describe('Markdown', () => {
  it('renders model markdown', () => {
    const { container } = render(<Markdown text={'**bold** and `code`\n\n- item'} />);
    expect(container.querySelector('strong')?.textContent).toBe('bold');
    expect(container.querySelector('code')?.textContent).toBe('code');
    expect(container.querySelector('li')?.textContent).toBe('item');
  });

  it('renders GFM tables inside a scroll region, task lists and strikethrough', () => {
    const text = ['| Task | Slack |', '|---|---:|', '| A | 0 |', '| B | 2 |', '', '- [x] done', '- [ ] open', '', '~~wrong~~ right'].join('\n');
    const { container } = render(<Markdown text={text} />);
    const table = container.querySelector('.md-table-scroll > table');
    expect(table).not.toBeNull();
    expect([...table!.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Task', 'Slack']);
    expect([...table!.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      ['A', '0'],
      ['B', '2'],
    ]);
    expect(container.textContent).not.toContain('|---');
    const boxes = [...container.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    expect(boxes.map((b) => b.checked)).toEqual([true, false]);
    expect(boxes.every((b) => b.disabled)).toBe(true);
    expect(container.querySelector('del')?.textContent).toBe('wrong');
  });

  it('renders the demo answers that contain tables as tables, with no raw pipes', () => {
    const withTables = SCENARIOS.filter((s) => s.answer.includes('|---'));
    expect(withTables.length).toBeGreaterThanOrEqual(2);
    for (const scenario of withTables) {
      const { container, unmount } = render(<Markdown text={scenario.answer} />);
      const rows = scenario.answer.split('\n').filter((l) => l.startsWith('|') && !l.startsWith('|---'));
      expect(container.querySelectorAll('tr')).toHaveLength(rows.length);
      expect(container.textContent).not.toMatch(/\|\s*-{3}/);
      unmount();
    }
  });

  it('keeps math verbatim: backslashes, underscores and asterisks survive', () => {
    const { container } = render(<Markdown text={'Display: \\[ x_1 * y_2 * z \\] and inline $a_i * b_i$ and \\(\\frac{1}{2}\\), price $5 and $6.'} />);
    const math = [...container.querySelectorAll('code.math-inline, code.math-display')].map((c) => c.textContent);
    expect(math).toEqual(['x_1 * y_2 * z', 'a_i * b_i', '\\frac{1}{2}']);
    expect(container.querySelector('em, strong')).toBeNull();
    expect(container.textContent).toContain('price $5 and $6.');
  });

  it('keeps prompt-injected HTML and javascript: links inert', () => {
    const hostile = [
      'Here <img src=x onerror="window.__pwned=1"> and <script>window.__pwned=2</script>',
      '[click me](javascript:window.__pwned=3) [data](data:text/html,<b>x</b>) [ok](https://example.com)',
      '![beacon](https://tracker.example/pixel.png)',
      '<a href="javascript:alert(1)">raw link</a> <iframe src="https://evil.example"></iframe>',
      '| a | b |\n|---|---|\n| <script>window.__pwned=4</script> | <img src=x onerror="window.__pwned=5"> |',
    ].join('\n\n');
    const { container } = render(<Markdown text={hostile} />);
    expect(container.querySelector('img, script, iframe')).toBeNull();
    expect(container.querySelectorAll('[onerror]')).toHaveLength(0);
    const hrefs = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
    expect(hrefs.some((h) => /^\s*(javascript|data):/i.test(h))).toBe(false);
    const safe = [...container.querySelectorAll('a')].find((a) => a.textContent === 'ok');
    expect(safe?.getAttribute('href')).toBe('https://example.com');
    expect(safe?.getAttribute('rel')).toContain('noopener');
    expect(container.textContent).toContain('[image: beacon]');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('keeps only absolute http(s) and mailto links: no relative links into the app, no other scheme', () => {
    const md = [
      '[share](#/?provider=openai-compatible&baseUrl=http://attacker/v1)',
      '[rel](/v1/models) [dot](./x) [proto-relative](//attacker.example/x) [query](?baseUrl=x)',
      '[js](javascript:alert(1)) [vb](vbscript:msgbox) [data](data:text/html,x) [file](file:///etc/passwd) [tel](tel:123) [blob](blob:https://x/y)',
      '[web](https://example.com/a) [plain](http://example.org) [mail](mailto:someone@example.com)',
      '![pic](#/?prompt=x) ![pic2](https://img.example/p.png)',
    ].join('\n\n');
    const { container } = render(<Markdown text={md} />);
    const hrefs = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://example.com/a', 'http://example.org', 'mailto:someone@example.com', 'https://img.example/p.png']);
    // A dropped link keeps its text, inert.
    expect(container.textContent).toContain('share');
    expect(container.textContent).toContain('[image: pic]');
  });

  it('shows the destination host beside a link whose text hides it', () => {
    const md = [
      '[click here](https://evil.example/login)',
      '[https://bank.example/login](https://evil.example/login)',
      '[example.com](https://example.com/docs)',
      '[https://example.com/a](https://example.com/b)',
      '<https://auto.example/x>',
      '[write to us](mailto:help@example.com) [help@example.com](mailto:help@example.com)',
      '[раураl](https://xn--80a1acny.example/)',
    ].join('\n\n');
    const { container } = render(<Markdown text={md} />);
    const hosts = [...container.querySelectorAll('.link-host')].map((e) => e.textContent?.trim());
    expect(hosts).toEqual(['(evil.example)', '(evil.example)', '(help@example.com)', '(xn--80a1acny.example)']);
  });

  it('safeUrl', () => {
    expect(safeUrl(' https://x.example/a ')).toBe('https://x.example/a');
    expect(safeUrl('HTTPS://x.example')).toBe('HTTPS://x.example');
    expect(safeUrl('https://')).toBe('');
    expect(safeUrl('#/?baseUrl=x')).toBe('');
    expect(safeUrl('java\nscript:alert(1)')).toBe('');
  });
});

