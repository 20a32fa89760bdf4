import { useId } from 'react';
import type { CheckName } from '../../core/verify';
import { NumberField } from '../../components/NumberField';
import { SelectField } from '../../components/SelectField';
import { PROVIDER_OPTIONS, PROVIDERS, useSettingsWithoutPrompt, type DeliveryPattern, type Policy } from '../../lib/settings';
import { KeyField } from './KeyField';

const CHECKS: { id: CheckName; label: string }[] = [
  { id: 'arithmetic', label: 'Arithmetic (expression = value)' },
  { id: 'consistency', label: 'Consistency of restated quantities' },
  { id: 'repetition', label: 'Repetition and loops' },
  { id: 'selfCorrection', label: 'Self-correction markers' },
  { id: 'timeout', label: 'Step timeout' },
  { id: 'length', label: 'Length anomaly' },
];

const POLICIES: { value: Policy; label: string }[] = [
  { value: 'continue', label: 'Continue with the warning' },
  { value: 'pause', label: 'Pause (resume by hand)' },
  { value: 'self-correct', label: 'Ask the model to self-correct' },
  { value: 'stop', label: 'Stop the run' },
];

const CHECKPOINT_SUMMARIES: { value: 'extractive' | 'model'; label: string }[] = [
  { value: 'extractive', label: 'Extractive (quotes the chain)' },
  { value: 'model', label: 'One paragraph from the model endpoint' },
];


export const DELIVERY: { id: DeliveryPattern; label: string; tradeoff: string }[] = [
  { id: 'streaming', label: 'Streaming', tradeoff: 'Tokens as they come: the fastest feedback and room to intervene mid-stream, but the reader watches raw thinking.' },
  { id: 'sync', label: 'Synchronous', tradeoff: 'Nothing until the run completes, then all at once: simplest to integrate, no mid-stream intervention, and the wait is the whole latency.' },
  { id: 'async', label: 'Async with callback', tradeoff: 'The run continues in the background while you use the rest of the app; a toast (and a browser notification, if allowed) calls you back.' },
  { id: 'chunked', label: 'Chunked with checkpoints', tradeoff: 'The reader sees checkpoint summaries as they arrive and opens the full chain on demand: progress without the noise.' },
];
const DELIVERY_OPTIONS = DELIVERY.map((d) => ({ value: d.id, label: d.label }));

/**
 * The verification settings people change on first load: how often to check, what to do on a
 * failed check, how often to summarise. They apply at the next interval of a running stream.
 */
export function EssentialVerificationSettings() {
  const s = useSettingsWithoutPrompt();
  return (
    <form className="settings" aria-label="Verification settings" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Verification</legend>
        <NumberField label="Verify interval" value={s.verifyInterval} min={1} max={100} onChange={(v) => s.update({ verifyInterval: Math.max(1, Math.round(v)) })} hint="Check the new steps every N completed steps, in a worker." />
        <SelectField label="On a failed verification" value={s.policy} options={POLICIES} onChange={(policy) => s.update({ policy })} />
        <NumberField label="Checkpoint every" value={s.checkpointEvery} min={1} max={1000} onChange={(v) => s.update({ checkpointEvery: Math.max(1, Math.round(v)) })} hint="A summary of the chain every N steps." />
      </fieldset>
    </form>
  );
}

/** The checks, their thresholds, the judge, the checkpoint summary and the delivery pattern: under "More settings". */
export function VerificationSettings({ liveRun }: { liveRun: boolean }) {
  const s = useSettingsWithoutPrompt();
  const ids = { judgeUrl: useId(), judgeModel: useId() };
  const delivery = DELIVERY.find((d) => d.id === s.deliveryPattern) ?? DELIVERY[0];
  return (
    <form className="settings" aria-label="More verification settings" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Checks</legend>
        <div className="field checks">
          {CHECKS.map((c) => (
            <label key={c.id} className="check">
              <input type="checkbox" checked={s.checks[c.id]} onChange={(e) => s.update({ checks: { ...s.checks, [c.id]: e.target.checked } })} />
              {c.label}
            </label>
          ))}
        </div>
        <NumberField label="Arithmetic tolerance (relative)" value={s.arithmeticTolerance} min={0} max={0.5} step={0.001} onChange={(v) => s.update({ arithmeticTolerance: Math.max(0, v) })} hint="0 = exact, beyond rounding to the decimals shown." />
        <NumberField label="Repetition similarity" value={s.repetitionSimilarity} min={0.5} max={1} step={0.01} onChange={(v) => s.update({ repetitionSimilarity: v })} />
        <NumberField label="Length-anomaly factor" value={s.lengthFactor} min={1.5} max={50} step={0.5} onChange={(v) => s.update({ lengthFactor: v })} hint="× the running median step length." />
        <details>
          <summary>Judge model (optional)</summary>
          {/* Labels avoid "Provider", "Model", "Endpoint URL" and "API key" so those stay unique names. */}
          <p className="hint">A second endpoint asked, with ProcessBench's critic prompt, for the earliest wrong step; runs beside the stream.</p>
          <label className="check">
            <input type="checkbox" checked={s.judge.enabled} onChange={(e) => s.update({ judge: { ...s.judge, enabled: e.target.checked } })} />
            Ask a judge for the earliest wrong step
          </label>
          <SelectField
            label="Judge service"
            value={s.judge.provider}
            options={PROVIDER_OPTIONS}
            onChange={(provider) => {
              const preset = PROVIDERS.find((p) => p.id === provider)!;
              s.update({ judge: { ...s.judge, provider, baseUrl: preset.defaultBaseUrl, model: provider === 'demo' ? 'demo-judge' : s.judge.model } });
            }}
          />
          <div className="field">
            <label htmlFor={ids.judgeUrl}>Judge base address</label>
            <input id={ids.judgeUrl} value={s.judge.baseUrl} spellCheck={false} onChange={(e) => s.update({ judge: { ...s.judge, baseUrl: e.target.value.trim() } })} />
          </div>
          <div className="field">
            <label htmlFor={ids.judgeModel}>Judge name</label>
            <input id={ids.judgeModel} value={s.judge.model} spellCheck={false} onChange={(e) => s.update({ judge: { ...s.judge, model: e.target.value } })} />
          </div>
          {s.judge.provider !== 'demo' && (
            <KeyField
              label="Judge key"
              what="judge key"
              role="judge"
              provider={s.judge.provider}
              url={s.judge.baseUrl}
              ring={s.keys}
              onChange={(key) => s.setKey('judge', s.judge.provider, s.judge.baseUrl, key)}
              onAccept={(from) => s.copyKey(from, 'judge', s.judge.provider, s.judge.baseUrl)}
              hint='Stored only if "Remember on this device" is ticked.'
            />
          )}
        </details>
      </fieldset>
      <fieldset>
        <legend>Checkpoints and delivery</legend>
        <SelectField label="Checkpoint summary" value={s.checkpointSummary} options={CHECKPOINT_SUMMARIES} onChange={(checkpointSummary) => s.update({ checkpointSummary })} />
        <SelectField
          label="Delivery pattern"
          value={s.deliveryPattern}
          options={DELIVERY_OPTIONS}
          disabled={liveRun}
          onChange={(pattern) => {
            s.update({ deliveryPattern: pattern });
            if (pattern === 'async' && typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
          }}
          hint={<span data-testid="delivery-tradeoff">{delivery.tradeoff}</span>}
        />
      </fieldset>
    </form>
  );
}
