import { useId } from 'react';
import type { ProviderId } from '../../core/providers/types';
import type { CheckName } from '../../core/verify';
import { NumberField } from '../../components/NumberField';
import { PROVIDERS, useSettingsWithoutPrompt, type DeliveryPattern, type Policy } from '../../lib/settings';
import { KeyField } from './KeyField';

const CHECKS: { id: CheckName; label: string }[] = [
  { id: 'arithmetic', label: 'Arithmetic (expression = value)' },
  { id: 'consistency', label: 'Consistency of restated quantities' },
  { id: 'repetition', label: 'Repetition and loops' },
  { id: 'selfCorrection', label: 'Self-correction markers' },
  { id: 'timeout', label: 'Step timeout' },
  { id: 'length', label: 'Length anomaly' },
];

const POLICIES: { id: Policy; label: string }[] = [
  { id: 'continue', label: 'Continue with the warning' },
  { id: 'pause', label: 'Pause (resume by hand)' },
  { id: 'self-correct', label: 'Ask the model to self-correct' },
  { id: 'stop', label: 'Stop the run' },
];

export const DELIVERY: { id: DeliveryPattern; label: string; tradeoff: string }[] = [
  { id: 'streaming', label: 'Streaming', tradeoff: 'Tokens as they come: the fastest feedback and room to intervene mid-stream, but the reader watches raw thinking.' },
  { id: 'sync', label: 'Synchronous', tradeoff: 'Nothing until the run completes, then all at once: simplest to integrate, no mid-stream intervention, and the wait is the whole latency.' },
  { id: 'async', label: 'Async with callback', tradeoff: 'The run continues in the background while you use the rest of the app; a toast (and a browser notification, if allowed) calls you back.' },
  { id: 'chunked', label: 'Chunked with checkpoints', tradeoff: 'The reader sees checkpoint summaries as they arrive and opens the full chain on demand: progress without the noise.' },
];

/**
 * The verification settings people change on first load: how often to check, what to do on a
 * failed check, how often to summarise. They apply at the next interval of a running stream.
 */
export function EssentialVerificationSettings() {
  const s = useSettingsWithoutPrompt();
  const ids = { policy: useId() };
  return (
    <form className="settings" aria-label="Verification settings" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Verification</legend>
        <NumberField label="Verify interval" value={s.verifyInterval} min={1} max={100} onChange={(v) => s.update({ verifyInterval: Math.max(1, Math.round(v)) })} hint="Check the new steps every N completed steps, in a worker." />
        <div className="field">
          <label htmlFor={ids.policy}>On a failed verification</label>
          <select id={ids.policy} value={s.policy} onChange={(e) => s.update({ policy: e.target.value as Policy })}>
            {POLICIES.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <NumberField label="Checkpoint every" value={s.checkpointEvery} min={1} max={1000} onChange={(v) => s.update({ checkpointEvery: Math.max(1, Math.round(v)) })} hint="A summary of the chain every N steps." />
      </fieldset>
    </form>
  );
}

/** The checks, their thresholds, the judge, the checkpoint summary and the delivery pattern: under "More settings". */
export function VerificationSettings({ liveRun }: { liveRun: boolean }) {
  const s = useSettingsWithoutPrompt();
  const ids = { delivery: useId(), summary: useId(), judgeProvider: useId(), judgeUrl: useId(), judgeModel: useId() };
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
          <div className="field">
            <label htmlFor={ids.judgeProvider}>Judge service</label>
            <select id={ids.judgeProvider} value={s.judge.provider} onChange={(e) => {
              const provider = e.target.value as ProviderId;
              const preset = PROVIDERS.find((p) => p.id === provider)!;
              s.update({ judge: { ...s.judge, provider, baseUrl: preset.defaultBaseUrl, model: provider === 'demo' ? 'demo-judge' : s.judge.model } });
            }}>
              {PROVIDERS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
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
        <div className="field">
          <label htmlFor={ids.summary}>Checkpoint summary</label>
          <select id={ids.summary} value={s.checkpointSummary} onChange={(e) => s.update({ checkpointSummary: e.target.value as 'extractive' | 'model' })}>
            <option value="extractive">Extractive (quotes the chain)</option>
            <option value="model">One paragraph from the model endpoint</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.delivery}>Delivery pattern</label>
          <select
            id={ids.delivery}
            value={s.deliveryPattern}
            disabled={liveRun}
            onChange={(e) => {
              const pattern = e.target.value as DeliveryPattern;
              s.update({ deliveryPattern: pattern });
              if (pattern === 'async' && typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
            }}
          >
            {DELIVERY.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
          </select>
          <small className="hint" data-testid="delivery-tradeoff">{delivery.tradeoff}</small>
        </div>
      </fieldset>
    </form>
  );
}
