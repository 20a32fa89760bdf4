import { useId, type ReactNode } from 'react';

export type SelectOption<V extends string | number> = { value: V; label: string };

type SelectProps<V extends string | number> = {
  value: V;
  options: readonly SelectOption<V>[];
  onChange: (value: V) => void;
  id?: string;
  disabled?: boolean;
  'aria-label'?: string;
  'aria-describedby'?: string;
};

/**
 * A bare <select> over typed options: onChange receives the chosen option's own value (a number
 * stays a number), found among the options rather than cast from the DOM's string. For selects
 * labelled by their place (a table cell's aria-label); a visible label wants `SelectField`.
 */
export function Select<V extends string | number>({ value, options, onChange, ...attributes }: SelectProps<V>) {
  return (
    <select
      {...attributes}
      value={value}
      onChange={(e) => {
        const chosen = options.find((o) => String(o.value) === e.target.value);
        if (chosen) onChange(chosen.value);
      }}
    >
      {options.map((o) => (
        <option key={String(o.value)} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

type SelectFieldProps<V extends string | number> = Omit<SelectProps<V>, 'aria-label' | 'aria-describedby'> & {
  label: string;
  /** Shown under the select and read as its description. */
  hint?: ReactNode;
  /** The wrapper's class: "field" stacks label over select; "inline-field" sets them in a row. */
  className?: string;
};

/** The one labelled select: a label tied to its select, the typed options, an optional hint. */
export function SelectField<V extends string | number>({ label, hint, id, className = 'field', ...select }: SelectFieldProps<V>) {
  const ownId = useId();
  const selectId = id ?? ownId;
  const hintId = `${selectId}-hint`;
  return (
    <div className={className}>
      <label htmlFor={selectId}>{label}</label>
      <Select {...select} id={selectId} aria-describedby={hint === undefined ? undefined : hintId} />
      {hint !== undefined && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
    </div>
  );
}
