import { useId } from 'react';

/** A labelled number input that ignores empty or non-numeric edits instead of storing NaN. */
export function NumberField({ label, value, onChange, min, max, step, hint }: { label: string; value: number; onChange: (v: number) => void; min?: number; max?: number; step?: number; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        value={value}
        min={min}
        max={max}
        step={step}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isFinite(v) && e.target.value !== '') onChange(v);
        }}
      />
      {hint && <small className="hint">{hint}</small>}
    </div>
  );
}
