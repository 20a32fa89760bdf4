import { NumberField as SharedNumberField } from '../../components/NumberField';
import { SelectField } from '../../components/SelectField';
import type { PlannerSettings } from '../../core/planner';
import { fmtInt, fmtSig } from '../../core/number-format';
import { resetSettings, selectSettings, updateSettings, usePlanner } from './planner-store';

const BASES: { value: PlannerSettings['basis']; label: string }[] = [
  { value: 'steps', label: 'Steps' },
  { value: 'reasoningTokens', label: 'Reasoning tokens' },
  { value: 'outputTokens', label: 'Output tokens (mostly reasoning, for reasoning models)' },
];

type NumberKey = { [K in keyof PlannerSettings]: PlannerSettings[K] extends number ? K : never }[keyof PlannerSettings];

/** A planner setting as the shared number field: reads and writes the planner store. */
function NumberField({ name, ...field }: { name: NumberKey; label: string; min?: number; max?: number; step?: number; hint?: string; disabled?: boolean }) {
  const value = usePlanner((s) => s.settings[name]);
  return <SharedNumberField {...field} step={field.step ?? 'any'} value={value} onChange={(v) => updateSettings({ [name]: v } as Partial<PlannerSettings>)} />;
}

function Check({ name, label }: { name: 'logX' | 'fitFromData' | 'slowIsTimeout' | 'timeoutFromData'; label: string }) {
  const checked = usePlanner((s) => s.settings[name]);
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => updateSettings({ [name]: e.target.checked })} /> {label}
    </label>
  );
}

/** Analysis settings; results follow live (debounced, computed in a worker). */
export function SettingsForm() {
  const s = usePlanner(selectSettings);
  const dataTimeout = usePlanner((st) => st.analysis?.timeout.data ?? null);
  const timeoutHint = dataTimeout
    ? `The log's timed-out requests cluster at ${fmtSig(dataTimeout.timeoutMs / 1000)} s (${fmtInt(dataTimeout.clustered)} of ${fmtInt(dataTimeout.of)})${s.timeoutFromData ? ': that timeout is used.' : '; the value above is used instead.'}`
    : undefined;
  return (
    <form className="settings planner-settings" aria-label="Analysis settings" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Length</legend>
        <SelectField label="Length measure" value={s.basis} options={BASES} onChange={(basis) => updateSettings({ basis })} />
        <Check name="logX" label="Log x-axis" />
        <NumberField name="tokensPerStep" label="Tokens per step" min={1} hint="Used where steps come from reasoning tokens." />
      </fieldset>
      <fieldset>
        <legend>Tiers</legend>
        <NumberField name="shortBelow" label="Short: fewer than (steps)" min={1} />
        <NumberField name="complexAbove" label="Complex: more than (steps)" min={1} />
        <NumberField name="shortTargetSeconds" label="Short target (s)" min={0} />
        <NumberField name="mediumTargetSeconds" label="Medium target (s)" min={0} />
        <NumberField name="complexTargetSeconds" label="Complex target (s)" min={0} />
      </fieldset>
      <fieldset>
        <legend>Plan</legend>
        <NumberField name="targetP95Seconds" label="Target p95 (s)" min={0.001} />
        <Check name="fitFromData" label="Fit step time and overhead from the data" />
        <NumberField name="stepTimeSeconds" label="Step time (s)" min={0} disabled={s.fitFromData} />
        <NumberField name="overheadSeconds" label="Overhead (s)" min={0} disabled={s.fitFromData} />
        <NumberField name="timeoutSeconds" label="Timeout (s)" min={0.001} disabled={s.timeoutFromData && dataTimeout !== null} hint={timeoutHint} />
        <Check name="timeoutFromData" label="Timeout from the log where its timed-out requests cluster at one latency" />
        <Check name="slowIsTimeout" label="Count latency ≥ timeout as timed out" />
      </fieldset>
      <fieldset>
        <legend>Fleet</legend>
        <div className="field" role="radiogroup" aria-label="Peak arrival rate">
          <span className="field-label">Peak arrival rate</span>
          <label className="check">
            <input type="radio" name="peak-source" checked={s.peakSource === 'log'} onChange={() => updateSettings({ peakSource: 'log' })} /> Busiest 60 s of the log
          </label>
          <label className="check">
            <input type="radio" name="peak-source" checked={s.peakSource === 'entered'} onChange={() => updateSettings({ peakSource: 'entered' })} /> Entered below
          </label>
        </div>
        <NumberField name="enteredPeakPerSecond" label="Peak arrivals (requests/s)" min={0} disabled={s.peakSource !== 'entered'} />
        <NumberField name="concurrency" label="Concurrency per instance" min={1} step={1} />
        <NumberField name="headroomPercent" label="Headroom (%)" min={0} />
      </fieldset>
      <button type="button" className="button-quiet" onClick={resetSettings}>
        Reset settings
      </button>
    </form>
  );
}
