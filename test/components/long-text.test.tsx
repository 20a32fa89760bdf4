import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LongText } from '../../src/components/LongText';

describe('LongText', () => {
  it('renders short text as Markdown', () => {
    render(<LongText text="**bold** answer" />);
    expect(screen.getByText('bold').tagName).toBe('STRONG');
  });

  it('shows the start of a very long text, then more, then all of it', async () => {
    const text = 'a'.repeat(20_000) + 'b'.repeat(480_000) + 'END';
    const { container } = render(<LongText text={text} label="answer" />);
    const body = () => container.querySelector('.long-text-body')!.textContent!;
    expect(body()).toHaveLength(20_001); // 20,000 characters and the ellipsis
    expect(screen.getByText(/Showing 20,000 of 500,003 characters of this answer/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show 200,000 more' }));
    expect(body()).toHaveLength(220_001);
    await userEvent.click(screen.getByRole('button', { name: 'Show all' }));
    expect(body()).toBe(text);
    expect(screen.queryByRole('button', { name: 'Show all' })).toBeNull();
  });
});
