import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Select, SelectField } from '../../src/components/SelectField';

type Mode = 'paragraph' | 'line' | 'marker';
const MODES: { value: Mode; label: string }[] = [
  { value: 'paragraph', label: 'Blank-line paragraphs' },
  { value: 'line', label: 'Each line' },
  { value: 'marker', label: '"Step N" markers' },
];

function Harness({ onChange, hint }: { onChange: (v: Mode) => void; hint?: string }) {
  const [mode, setMode] = useState<Mode>('line');
  return (
    <SelectField
      label="Split steps by"
      value={mode}
      options={MODES}
      hint={hint}
      onChange={(v) => {
        setMode(v);
        onChange(v);
      }}
    />
  );
}

describe('SelectField', () => {
  it('ties its label to the select and renders every option with its label', () => {
    render(<Harness onChange={() => {}} />);
    const select = screen.getByLabelText('Split steps by');
    expect(select.tagName).toBe('SELECT');
    const options = within(select).getAllByRole('option') as HTMLOptionElement[];
    expect(options.map((o) => [o.value, o.textContent])).toEqual([
      ['paragraph', 'Blank-line paragraphs'],
      ['line', 'Each line'],
      ['marker', '"Step N" markers'],
    ]);
    expect((select as HTMLSelectElement).value).toBe('line');
    expect(select.closest('div')).toHaveClass('field');
  });

  it('hands onChange the chosen option value and shows the choice', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const select = screen.getByLabelText('Split steps by') as HTMLSelectElement;
    fireEvent.change(select, { target: { value: 'marker' } });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith('marker');
    expect(select.value).toBe('marker');
  });

  it('reads its hint as the select’s description, and has none without a hint', () => {
    const { unmount } = render(<Harness onChange={() => {}} hint="Where one step ends." />);
    expect(screen.getByLabelText('Split steps by')).toHaveAccessibleDescription('Where one step ends.');
    unmount();
    render(<Harness onChange={() => {}} />);
    expect(screen.getByLabelText('Split steps by')).not.toHaveAttribute('aria-describedby');
  });

  it('keeps a given id, the wrapper class and the disabled state', () => {
    render(<SelectField id="speed" className="inline-field" label="Speed" value="a" options={[{ value: 'a', label: 'A' }]} onChange={() => {}} disabled />);
    const select = screen.getByLabelText('Speed');
    expect(select).toHaveAttribute('id', 'speed');
    expect(select).toBeDisabled();
    expect(select.parentElement).toHaveClass('inline-field');
    expect(select.parentElement).not.toHaveClass('field');
  });
});

describe('Select', () => {
  it('gives numeric options back as numbers', () => {
    const onChange = vi.fn();
    const speeds = [1, 2, 5, 10].map((s) => ({ value: s, label: `${s}×` }));
    render(<Select aria-label="Replay speed" value={1} options={speeds} onChange={onChange} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Replay speed' }), { target: { value: '5' } });
    expect(onChange).toHaveBeenCalledWith(5);
    expect(typeof onChange.mock.calls[0][0]).toBe('number');
  });

  it('treats the empty value as an option like any other', () => {
    const onChange = vi.fn();
    render(
      <Select
        aria-label="Outcome"
        value="ok"
        options={[
          { value: '', label: 'built in' },
          { value: 'ok', label: 'ok' },
        ]}
        onChange={onChange}
      />,
    );
    const select = screen.getByRole('combobox', { name: 'Outcome' });
    fireEvent.change(select, { target: { value: '' } });
    expect(onChange).toHaveBeenCalledWith('');
  });
});
