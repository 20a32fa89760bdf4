import { useId, useMemo } from 'react';
import { SelectField, type SelectOption } from '../../components/SelectField';
import type { RunRecord } from '../../core/stored-runs';
import { RUN_STATUSES } from '../../core/stored-runs';
import { TIER_IDS } from '../../core/run/tiers';
import { providerLabel } from './run-row-format';
import { useRunsUi, type RunFilters } from './runs-store';

type TextKey = 'from' | 'to' | 'text';
type ChoiceKey = Exclude<keyof RunFilters, TextKey>;

/** A filter's select: "Any" (the empty value) first, then the choices. */
function ChoiceFilter<K extends ChoiceKey>({ name, label, options }: { name: K; label: string; options: readonly SelectOption<RunFilters[K]>[] }) {
  const value = useRunsUi((s) => s.filters[name]);
  const setFilter = useRunsUi((s) => s.setFilter);
  const withAny = useMemo(() => [{ value: '' as RunFilters[K], label: 'Any' }, ...options], [options]);
  return <SelectField label={label} value={value} options={withAny} onChange={(v) => setFilter(name, v)} />;
}

function TextFilter({ name, label, type = 'text' }: { name: TextKey; label: string; type?: string }) {
  const id = useId();
  const value = useRunsUi((s) => s.filters[name]);
  const setFilter = useRunsUi((s) => s.setFilter);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} value={value} onChange={(e) => setFilter(name, e.target.value)} />
    </div>
  );
}

const distinct = (runs: readonly RunRecord[], key: (r: RunRecord) => string | undefined) =>
  [...new Set(runs.map(key).filter((v): v is string => Boolean(v)))].sort();

const STATUS_OPTIONS = RUN_STATUSES.map((s) => ({ value: s, label: s }));
const TIER_OPTIONS = TIER_IDS.map((t) => ({ value: t, label: t }));

/** The stored runs' filters: status, provider, model, tier, batch (the choices the runs have), dates, prompt text. */
export function RunListFilters({ runs }: { runs: readonly RunRecord[] }) {
  const reset = useRunsUi((s) => s.resetFilters);
  const options = useMemo(
    () => ({
      provider: distinct(runs, (r) => r.provider).map((p) => ({ value: p, label: providerLabel(p) })),
      model: distinct(runs, (r) => r.model).map((m) => ({ value: m, label: m })),
      batch: distinct(runs, (r) => r.batchId).map((b) => ({ value: b, label: b })),
    }),
    [runs],
  );
  return (
    <fieldset className="run-filters">
      <legend>Filters</legend>
      <ChoiceFilter name="status" label="Status" options={STATUS_OPTIONS} />
      <ChoiceFilter name="provider" label="Provider" options={options.provider} />
      <ChoiceFilter name="model" label="Model" options={options.model} />
      <ChoiceFilter name="tier" label="Tier" options={TIER_OPTIONS} />
      <ChoiceFilter name="batchId" label="Batch" options={options.batch} />
      <TextFilter name="from" label="From" type="date" />
      <TextFilter name="to" label="To" type="date" />
      <TextFilter name="text" label="Prompt contains" />
      <button type="button" className="button-quiet" onClick={reset}>
        Clear filters
      </button>
    </fieldset>
  );
}
