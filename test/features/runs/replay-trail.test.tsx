import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { RunReplay } from '../../../src/features/runs/RunReplay';
import { slipRun } from '../../support/slip-run';

describe('a stored run shows how its error travelled', () => {
  it('strikes the corrected step, marks the steps that carried 418, and links to the correction', () => {
    const scrolled: string[] = [];
    Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
      scrolled.push(this.id);
    });
    render(<RunReplay run={slipRun()} onClose={() => {}} />);
    const steps = within(screen.getByRole('list', { name: 'Steps' })).getAllByRole('listitem');
    expect(steps[1].querySelector('.step-corrected-text')).toHaveTextContent('17 × 24 = 418');
    expect(steps[1]).toHaveTextContent('Corrected by the model in step 6');
    expect(steps[2]).toHaveTextContent('Uses 418 from step 2');
    expect(steps[3]).toHaveTextContent('Uses 12,540 and 2,508 from step 3, built on 418 from step 2');
    expect(steps[5]).toHaveTextContent('Corrects step 2: 408, not 418');
    // Only the corrected step is struck through.
    expect(document.querySelectorAll('.step-corrected-text')).toHaveLength(1);
    fireEvent.click(within(steps[1]).getByRole('button', { name: 'Go to step 6' }));
    expect(scrolled).toContain('replay-step-5');
  });
});
