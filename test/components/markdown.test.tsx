import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../../src/components/Markdown';

describe('Markdown', () => {
  it('renders model markdown', () => {
    const { container } = render(<Markdown text={'**bold** and `code`\n\n- item'} />);
    expect(container.querySelector('strong')?.textContent).toBe('bold');
    expect(container.querySelector('code')?.textContent).toBe('code');
    expect(container.querySelector('li')?.textContent).toBe('item');
  });

  it('keeps prompt-injected HTML and javascript: links inert', () => {
    const hostile = [
      'Here <img src=x onerror="window.__pwned=1"> and <script>window.__pwned=2</script>',
      '[click me](javascript:window.__pwned=3) [data](data:text/html,<b>x</b>) [ok](https://example.com)',
      '![beacon](https://tracker.example/pixel.png)',
      '<a href="javascript:alert(1)">raw link</a> <iframe src="https://evil.example"></iframe>',
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
});
