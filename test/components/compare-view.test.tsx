import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CompareView } from '../../src/components/compare/CompareView';
import { makeRun } from '../core/stored-runs/make-run';

const steps = (texts: string[]) => texts.map((text, i) => ({ text, startedAt: i * 1000, completedAt: i * 1000 + 900 }));

describe('CompareView', () => {
  it('shows the summary, the first divergence and one aligned row per step pair', () => {
    const left = makeRun({ id: 'l', steps: steps(['Read the question about crates.', 'Multiply 17 by 24 to get 418.', 'Answer 418.']), latencyMs: 1500, reasoningTokens: 30 });
    const right = makeRun({
      id: 'r',
      steps: steps(['Read the question about crates.', 'Split the product into 17 × 20 and 17 × 4.', 'Multiply 17 by 24 to get 408.', 'Answer 408.']),
      latencyMs: 2600,
      reasoningTokens: 52,
      findings: [{ step: 2, kind: 'arithmetic', severity: 'warning', message: 'check 408' }],
    });
    render(<CompareView left={left} right={right} labels={{ left: 'low', right: 'high' }} />);
    expect(screen.getByTestId('first-divergence').textContent).toBe('step 2: only the right run has it');
    const rows = within(screen.getByRole('list', { name: 'Steps aligned' })).getAllByRole('listitem');
    // "Answer 418." / "Answer 408." share no word pair (Dice 0): paired as changed, not similar.
    expect(rows.map((r) => r.getAttribute('data-kind'))).toEqual(['same', 'right-only', 'similar', 'changed']);
    expect(rows[1].textContent).toContain('First divergence');
    expect(rows[2].textContent).toContain('Warning (arithmetic): check 408');
    const latency = screen.getByRole('row', { name: /Latency/ });
    expect(within(latency).getAllByRole('cell').map((c) => c.textContent)).toEqual(['1.5 s', '2.6 s', '+1.1 s']);
    expect(screen.getByRole('button', { name: 'Download report' })).toBeEnabled();
  });

  it('keeps the report for later while a run is live', () => {
    const run = makeRun({ status: 'running' });
    render(<CompareView left={run} right={{ ...run, id: 'other' }} labels={{ left: 'a', right: 'b' }} live />);
    expect(screen.getByRole('button', { name: 'Download report' })).toBeDisabled();
    expect(screen.getByTestId('first-divergence').textContent).toBe('none: every step matches');
  });
});
