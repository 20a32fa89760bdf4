import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { NumberField } from '../../src/components/NumberField';

function Harness({ onChange, min, max, initial = 5 }: { onChange: (v: number) => void; min?: number; max?: number; initial?: number }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <NumberField
        label="Verify interval"
        value={value}
        min={min}
        max={max}
        onChange={(v) => {
          setValue(v);
          onChange(v);
        }}
      />
      <button type="button" onClick={() => setValue(initial)}>
        Reset
      </button>
    </>
  );
}

describe('NumberField (the one number input)', () => {
  it('commits numbers within range and holds the rest with what it expects', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} min={1} max={100} />);
    const input = screen.getByLabelText('Verify interval');
    fireEvent.change(input, { target: { value: '12' } });
    expect(onChange).toHaveBeenLastCalledWith(12);
    fireEvent.change(input, { target: { value: '' } });
    fireEvent.change(input, { target: { value: '0' } });
    fireEvent.change(input, { target: { value: '250' } });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Enter a number ≥ 1 and ≤ 100.')).toBeInTheDocument();
    // What was typed stays in the box: the store's value never overwrites it mid-edit.
    expect(input).toHaveValue(250);
  });

  it('shows an outside change (Reset) and clears its message', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} min={1} initial={5} />);
    const input = screen.getByLabelText('Verify interval');
    fireEvent.change(input, { target: { value: '9' } });
    fireEvent.change(input, { target: { value: '-3' } });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(input).toHaveValue(5);
    expect(input).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByText(/Enter a number/)).not.toBeInTheDocument();
  });
});
