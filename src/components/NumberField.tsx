import { useId, useState } from 'react';

type NumberFieldProps = {
  label: string;
  value: number;
  onChange: (v: number) => void;
  min?: number;
  max?: number;
  step?: number | 'any';
  hint?: string;
  disabled?: boolean;
};

/**
 * The one labelled number input. It keeps what is typed ("1." or "") locally and commits only
 * numbers within [min, max], saying what it expects otherwise, so an edit never stores NaN or an
 * out-of-range value and typing never fights the store. Outside changes (Reset) show through.
 */
export function NumberField({ label, value, onChange, min, max, step, hint, disabled }: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  // Follow outside changes without an effect: adjust state while rendering.
  if (shown !== value) {
    setShown(value);
    if (Number(text) !== value) setText(String(value));
  }
  const accepts = (raw: string): boolean => {
    const n = Number(raw);
    return raw.trim() !== '' && Number.isFinite(n) && (min === undefined || n >= min) && (max === undefined || n <= max);
  };
  const valid = accepts(text);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        aria-invalid={!valid}
        onChange={(e) => {
          setText(e.target.value);
          if (accepts(e.target.value)) onChange(Number(e.target.value));
        }}
      />
      {!valid && (
        <small className="hint warn">
          Enter a number{min !== undefined ? ` ≥ ${min}` : ''}
          {max !== undefined ? ` and ≤ ${max}` : ''}.
        </small>
      )}
      {hint && <small className="hint">{hint}</small>}
    </div>
  );
}
