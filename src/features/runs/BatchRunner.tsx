import { useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { runsToJsonl } from '../../core/runs';
import { downloadText } from '../../lib/download';
import { UnsavedRunsNotice } from '../../components/UnsavedRunsNotice';
import { endpointFor, PROVIDERS, useSettings } from '../../lib/settings';
import { batchRecords, cancelBatch, startBatch, useBatch } from './batch-controller';
import { describeBatchInput, MAX_BATCH_JOBS, parseBatchInput } from './batch-input';
import { invalidateRuns } from './runs-query';

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
  const { status, progress, summary } = useBatch();
  if (status === 'idle' || !progress) return null;
  const finished = progress.done + progress.failed + progress.timedOut + progress.cancelled;
  const wait = status === 'running' ? formatWait(progress.waitingUntil) : null;
  return (
    <div className="batch-progress">
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
          onClick={() => downloadText(`batch-runs-${new Date().toISOString().slice(0, 10)}.jsonl`, runsToJsonl(batchRecords()), 'application/x-ndjson')}
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
  const ids = { queries: useId(), dedupe: useId() };
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

  const run = () => {
    if (!canRun) return;
    setConcurrency(String(conc.value));
    setTimeoutText(String(tmo.value));
    setRepeats(String(reps.value));
    setRate(String(tps.value));
    startBatch(
      { prompts: parsed.prompts, repeats: reps.value, concurrency: conc.value, timeoutSeconds: tmo.value, tokensPerSecond: tps.value },
      () => void invalidateRuns(queryClient),
    );
  };

  const loadSample = async () => {
    setLoadError(null);
    try {
      const response = await fetch('./samples/batch-100.txt');
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
        {provider === 'demo' && (
          <NumberField label="Demo token rate (tokens/s)" value={rate} onChange={setRate} limit={LIMITS.rate} hint={tps.note ?? 'per run'} />
        )}
      </div>
      <div className="toolbar">
        <button type="button" className="button-primary" disabled={!canRun} onClick={run}>
          Run batch
        </button>
        <button type="button" disabled={status !== 'running'} onClick={cancelBatch}>
          Cancel batch
        </button>
      </div>
      <BatchProgressView />
    </section>
  );
}
