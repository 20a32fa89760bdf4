import { useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { runsToJsonl } from '../../core/stored-runs';
import { downloadText } from '../../lib/download';
import { UnsavedRunsNotice } from '../../components/UnsavedRunsNotice';
import { endpointFor, PROVIDERS, useSettings } from '../../lib/settings';
import { NumberField as DecimalField } from '../../components/NumberField';
import { SelectField } from '../../components/SelectField';
import { DEFAULT_SIMULATED_TIMING } from '../../core/stored-runs/simulate';
import { batchRecords, cancelBatch, startBatch, startSweep, useBatch } from './batch-controller';
import { describeBatchInput, MAX_BATCH_JOBS, parseBatchInput } from './batch-input';
import { invalidateRuns } from './runs-query';
import { parseSweepValues, SWEEP_KINDS, sweepKindsFor, type SweepKind } from './sweep';

const LIMITS = {
  concurrency: { min: 1, max: 16, fallback: 8 },
  timeout: { min: 1, max: 600, fallback: 30 },
  repeats: { min: 1, max: 20, fallback: 1 },
  rate: { min: 1, max: 20_000, fallback: 400 },
};

function clampInt(text: string, limit: { min: number; max: number; fallback: number }): { value: number; note?: string } {
  const n = Math.round(Number(text));
  if (text.trim() === '' || !Number.isFinite(n)) return { value: limit.fallback, note: `empty or not a number: using ${limit.fallback}` };
  if (n < limit.min) return { value: limit.min, note: `at least ${limit.min}` };
  if (n > limit.max) return { value: limit.max, note: `at most ${limit.max}` };
  return { value: n };
}

function NumberField({ label, value, onChange, limit, hint }: { label: string; value: string; onChange: (v: string) => void; limit: { min: number; max: number }; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" inputMode="numeric" min={limit.min} max={limit.max} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={hint ? `${id}-hint` : undefined} />
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}

function formatWait(until: number | undefined): string | null {
  if (!until) return null;
  const s = Math.max(0, Math.ceil((until - (performance.timeOrigin + performance.now())) / 1000));
  return `Rate-limited (HTTP 429): waiting ${s} s before the next request.`;
}

function BatchProgressView() {
  const { status, progress, summary, sweep } = useBatch();
  if (status === 'idle' || !progress) return null;
  const finished = progress.done + progress.failed + progress.timedOut + progress.cancelled;
  const wait = status === 'running' ? formatWait(progress.waitingUntil) : null;
  return (
    <div className="batch-progress">
      {sweep && (
        <p className="hint sweep-status">
          Sweep: setting {sweep.index + 1} of {sweep.count} ({sweep.label}){sweep.done ? ' — sweep finished' : ''}
        </p>
      )}
      <progress aria-label="Batch progress" max={progress.total} value={finished} />
      <p role="status" aria-live="polite" className="batch-counts">
        <strong>
          {finished} / {progress.total}
        </strong>{' '}
        · <span className="count-done">done {progress.done}</span> · <span className="count-failed">failed {progress.failed}</span> ·{' '}
        <span className="count-timeout">timed out {progress.timedOut}</span>
        {progress.cancelled > 0 && <> · cancelled {progress.cancelled}</>}
        {progress.retries > 0 && <> · retries after 429: {progress.retries}</>}
        {status === 'running' && progress.running > 0 && <> · running {progress.running}</>}
        {status === 'cancelling' && <> · cancelling…</>}
        {status === 'finished' && summary && (
          <>
            {' '}
            — {summary.cancelledByUser ? 'cancelled' : 'finished'} in {(summary.durationMs / 1000).toFixed(1)} s
          </>
        )}
      </p>
      {wait && <p className="hint warn">{wait}</p>}
      <UnsavedRunsNotice>
        <button
          type="button"
          onClick={() => void batchRecords().then((records) => downloadText(`batch-runs-${new Date().toISOString().slice(0, 10)}.jsonl`, runsToJsonl(records), 'application/x-ndjson'))}
        >
          Export batch results
        </button>
      </UnsavedRunsNotice>
    </div>
  );
}

/** Paste or upload queries, run them through the configured provider, N at a time. */
export function BatchRunner() {
  const queryClient = useQueryClient();
  const ids = { queries: useId(), dedupe: useId(), sweepValues: useId() };
  const [text, setText] = useState('');
  const [keepDuplicates, setKeepDuplicates] = useState(false);
  const [concurrency, setConcurrency] = useState('8');
  const [timeout, setTimeoutText] = useState('30');
  const [repeats, setRepeats] = useState('1');
  const [rate, setRate] = useState('400');
  const [loadError, setLoadError] = useState<string | null>(null);
  const status = useBatch((s) => s.status);
  const provider = useSettings((s) => s.provider);
  const model = useSettings((s) => endpointFor(s).model);
  const policy = useSettings((s) => s.policy);
  const providerLabel = PROVIDERS.find((p) => p.id === provider)?.label ?? provider;
  const [simulate, setSimulate] = useState(true);
  const [stepSeconds, setStepSeconds] = useState(DEFAULT_SIMULATED_TIMING.perStepMs / 1000);
  const [overheadSeconds, setOverheadSeconds] = useState(DEFAULT_SIMULATED_TIMING.overheadMs / 1000);
  const [jitterPercent, setJitterPercent] = useState(DEFAULT_SIMULATED_TIMING.jitter * 100);
  const kinds = sweepKindsFor(provider);
  const [sweepKind, setSweepKind] = useState<SweepKind>(kinds[0]);
  const kind = kinds.includes(sweepKind) ? sweepKind : kinds[0];
  const [sweepText, setSweepText] = useState('low, medium, high');
  const sweep = parseSweepValues(kind, sweepText);

  const deferred = useDeferredValue(text);
  const parsed = useMemo(() => parseBatchInput(deferred, { keepDuplicates }), [deferred, keepDuplicates]);
  const reps = clampInt(repeats, LIMITS.repeats);
  const notes = deferred.trim() ? describeBatchInput(parsed, reps.value) : [];
  const issues = [...parsed.oversized, ...parsed.errors].sort((a, b) => a.line - b.line);
  const jobs = parsed.prompts.length * reps.value;
  const busy = status === 'running' || status === 'cancelling';
  const canRun = !busy && parsed.prompts.length > 0 && jobs <= MAX_BATCH_JOBS && deferred === text;

  const conc = clampInt(concurrency, LIMITS.concurrency);
  const tmo = clampInt(timeout, LIMITS.timeout);
  const tps = clampInt(rate, LIMITS.rate);

  const simulated = provider === 'demo' && simulate;
  const request = () => {
    setConcurrency(String(conc.value));
    setTimeoutText(String(tmo.value));
    setRepeats(String(reps.value));
    setRate(String(tps.value));
    return {
      prompts: parsed.prompts,
      references: parsed.references,
      repeats: reps.value,
      concurrency: conc.value,
      timeoutSeconds: tmo.value,
      tokensPerSecond: tps.value,
      simulated: simulated ? { perStepMs: stepSeconds * 1000, overheadMs: overheadSeconds * 1000, jitter: Math.min(90, Math.max(0, jitterPercent)) / 100 } : null,
    };
  };
  const run = () => {
    if (!canRun) return;
    startBatch(request(), () => void invalidateRuns(queryClient));
  };
  const canSweep = canRun && sweep.errors.length === 0 && jobs * sweep.settings.length <= MAX_BATCH_JOBS;
  const runSweepNow = () => {
    if (!canSweep) return;
    startSweep(request(), sweep.settings, () => void invalidateRuns(queryClient));
  };

  const loadSample = async () => {
    setLoadError(null);
    try {
      const response = await fetch('./samples/batch-100.jsonl');
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      setText(await response.text());
    } catch (e) {
      setLoadError(`Could not load the sample: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <section className="panel batch-runner" aria-labelledby="batch-runner-heading">
      <h2 id="batch-runner-heading">Batch runner</h2>
      <p className="hint">
        Each query becomes a stored run on <strong>{providerLabel}</strong>
        {model ? ` · ${model}` : ''} (change the provider on the Live viewer).
        {policy === 'pause' && ' The "pause" verification policy would wait forever in a batch, so batch runs continue past warnings.'}
      </p>
      <div className="field">
        <label htmlFor={ids.queries}>Queries</label>
        <textarea
          id={ids.queries}
          rows={8}
          value={text}
          spellCheck={false}
          placeholder={'One query per line, or JSON Lines: {"prompt": "…"}'}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="toolbar batch-sources">
        <label className="file-button">
          Upload queries
          <input
            className="visually-hidden"
            type="file"
            accept=".txt,.jsonl,.ndjson,.json,text/plain"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) setText(await file.text());
            }}
          />
        </label>
        <button type="button" className="button-quiet" onClick={loadSample}>
          Load 100-query sample
        </button>
      </div>
      <label className="check" htmlFor={ids.dedupe}>
        <input id={ids.dedupe} type="checkbox" checked={!keepDuplicates} onChange={(e) => setKeepDuplicates(!e.target.checked)} /> Remove duplicate queries
      </label>
      {loadError && <p className="hint warn">{loadError}</p>}
      {notes.length > 0 && (
        <div className="batch-notes" aria-live="polite">
          <p className="hint">{notes.join(' ')}</p>
          {issues.length > 0 && (
            <ul className="issue-list" aria-label="Skipped queries">
              {issues.slice(0, 20).map((i) => (
                <li key={i.line}>
                  Line {i.line}: {i.message}
                </li>
              ))}
              {issues.length > 20 && <li>…and {issues.length - 20} more.</li>}
            </ul>
          )}
        </div>
      )}
      <div className="batch-grid">
        <NumberField label="Concurrency" value={concurrency} onChange={setConcurrency} limit={LIMITS.concurrency} hint={conc.note ?? '1–16 at a time'} />
        <NumberField label="Timeout (s)" value={timeout} onChange={setTimeoutText} limit={LIMITS.timeout} hint={tmo.note ?? 'per request; counts as timed out'} />
        <NumberField label="Repeats" value={repeats} onChange={setRepeats} limit={LIMITS.repeats} hint={reps.note ?? 'runs of each query'} />
        {provider === 'demo' && !simulated && (
          <NumberField label="Demo token rate (tokens/s)" value={rate} onChange={setRate} limit={LIMITS.rate} hint={tps.note ?? 'per run'} />
        )}
      </div>
      {provider === 'demo' && (
        <fieldset className="simulated-timing">
          <legend>
            <label className="check">
              <input type="checkbox" checked={simulate} onChange={(e) => setSimulate(e.target.checked)} /> Simulated timing
            </label>
          </legend>
          <p className="hint">
            {simulated
              ? `Each demo run gets the latency a real deployment would give it (overhead + steps × step time, with jitter; cut at the ${tmo.value} s timeout), recorded as simulated. The batch itself finishes in seconds.`
              : 'Off: demo runs take the real time of the demo token rate.'}{' '}
            Only the demo model is ever simulated.
          </p>
          {simulated && (
            <div className="batch-grid">
              <DecimalField label="Time per step (s)" value={stepSeconds} min={0.01} step={0.1} onChange={setStepSeconds} />
              <DecimalField label="Overhead (s)" value={overheadSeconds} min={0} step={0.5} onChange={setOverheadSeconds} />
              <DecimalField label="Jitter (%)" value={jitterPercent} min={0} max={90} step={5} onChange={setJitterPercent} />
            </div>
          )}
        </fieldset>
      )}
      <div className="toolbar">
        <button type="button" className="button-primary" disabled={!canRun} onClick={run}>
          Run batch
        </button>
        <button type="button" disabled={status !== 'running'} onClick={cancelBatch}>
          Cancel batch
        </button>
      </div>
      <fieldset className="sweep">
        <legend>Budget sweep</legend>
        <p className="hint">The same queries at each setting, one setting after another; each run is tagged with its setting.</p>
        <div className="batch-grid">
          <SelectField
            label="Sweep over"
            value={kind}
            options={SWEEP_KINDS.filter((k) => kinds.includes(k.id)).map((k) => ({ value: k.id, label: k.label }))}
            onChange={setSweepKind}
          />
          <div className="field">
            <label htmlFor={ids.sweepValues}>Settings (comma-separated)</label>
            <input id={ids.sweepValues} value={sweepText} placeholder={SWEEP_KINDS.find((k) => k.id === kind)?.example} onChange={(e) => setSweepText(e.target.value)} aria-describedby={`${ids.sweepValues}-hint`} />
            <span id={`${ids.sweepValues}-hint`} className={sweep.errors.length ? 'hint warn' : 'hint'}>
              {sweep.errors.length ? sweep.errors.join(' ') : `${sweep.settings.length} settings × ${jobs} runs = ${sweep.settings.length * jobs} runs`}
            </span>
          </div>
        </div>
        <button type="button" disabled={!canSweep} onClick={runSweepNow}>
          Run sweep
        </button>
      </fieldset>
      <BatchProgressView />
    </section>
  );
}
