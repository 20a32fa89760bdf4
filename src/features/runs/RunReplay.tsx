import { DemoPlayNote } from '../../components/DemoPlayNote';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { LongText } from '../../components/LongText';
import { SelectField } from '../../components/SelectField';
import { isCorrected, StepMarks } from '../../components/StepMarks';
import { traceErrors, type StepMark } from '../../core/verify';
import { formatCount } from '../../core/number-format';
import type { ClippedRun, RunRecord } from '../../core/stored-runs';
import { storedRunText } from '../../workers/stored-runs-client';
import { formatClock, replayDuration, replayFrame } from './replay';

type Finding = RunRecord['findings'][number];
type Mode = { kind: 'instant' } | { kind: 'timed'; speed: number; startedAt: number };

/**
 * A text the list holds clipped (see core/stored-runs/clip): its start, the full length, and a button
 * that fetches the whole text from storage; shown with LongText once loaded.
 */
function ClippedText({ text, fullLength, load, label, preview, markdown = true }: { text: string; fullLength: number; load: () => Promise<string>; label: string; preview?: number; markdown?: boolean }) {
  const [full, setFull] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (full !== null || fullLength <= text.length) return <LongText text={full ?? text} label={label} preview={preview} markdown={markdown} />;
  const shown = Math.min(text.length, preview ?? text.length);
  return (
    <div className="long-text">
      <div className="long-text-body">{text.slice(0, shown)}…</div>
      <p className="long-text-more">
        Showing {shown.toLocaleString('en-US')} of {fullLength.toLocaleString('en-US')} characters of this {label}.{' '}
        <button type="button" className="button-quiet" onClick={() => load().then(setFull, (e: unknown) => setError(e instanceof Error ? e.message : String(e)))}>
          Show all
        </button>
        {error && ` Could not load it: ${error}`}
      </p>
    </div>
  );
}

type StepProps = { index: number; text: string; findings: readonly Finding[]; marks?: readonly StepMark[]; onGoTo?: (step: number) => void; live?: boolean; fullLength?: number; runId?: string };

const Step = memo(function Step({ index, text, findings, marks = NO_MARKS, onGoTo, live, fullLength, runId }: StepProps) {
  const flagged = findings.some((f) => f.severity !== 'note');
  return (
    <li className={`step replay-step${live ? ' step-live' : ''}`} id={live ? undefined : `replay-step-${index}`}>
      <span className={`step-number${flagged ? ' step-number-flagged' : ''}`}>{index + 1}</span>
      <div className="step-body">
        <div className={`replay-step-text${isCorrected(marks) ? ' step-corrected-text' : ''}`}>
          {fullLength !== undefined && runId ? (
            <ClippedText text={text} fullLength={fullLength} load={() => storedRunText(runId, index)} label="step" preview={REPLAY_STEP_PREVIEW_CHARS} markdown={false} />
          ) : (
            <LongText text={text} label="step" preview={REPLAY_STEP_PREVIEW_CHARS} markdown={false} />
          )}
        </div>
        {findings.map((f, i) => (
          <p key={i} className={`finding finding-${f.severity}`}>
            {f.severity === 'note' ? 'Note' : f.severity === 'error' ? 'Error' : 'Warning'} ({f.kind}): {f.message}
          </p>
        ))}
        {onGoTo && <StepMarks marks={marks} onGoTo={onGoTo} />}
      </div>
    </li>
  );
});

const NO_FINDINGS: readonly Finding[] = [];
const NO_MARKS: readonly StepMark[] = [];
/** Steps rendered at first (and per "Show more"): a long stored run opens at once. */
const STEP_PAGE = 50;
const SPEEDS = [1, 2, 5, 10].map((s) => ({ value: s, label: `${s}×` }));
/** Characters of each replayed step shown before its own "Show more". */
const REPLAY_STEP_PREVIEW_CHARS = 1500;

/**
 * A stored run played back: its numbered steps, findings, checkpoints and answer, either all at
 * once or paced by the stored step timestamps (at 1× the run's own timing, or faster).
 * Render it with `key={run.id}` so another run starts afresh.
 */
export function RunReplay({ run, onClose }: { run: ClippedRun; onClose: () => void }) {
  const clipped = run.clipped;
  const [mode, setMode] = useState<Mode>({ kind: 'instant' });
  const [speed, setSpeed] = useState(1);
  const [clock, setClock] = useState(0);
  const [stepLimit, setStepLimit] = useState(STEP_PAGE);
  const duration = useMemo(() => replayDuration(run), [run]);
  const byStep = useMemo(() => {
    const map = new Map<number, Finding[]>();
    for (const f of run.findings) map.set(f.step, [...(map.get(f.step) ?? []), f]);
    return map;
  }, [run]);
  const marks = useMemo(() => traceErrors(run.steps, run.findings, run.prompt), [run]);
  // "Go to step N": show enough steps to include it, then bring it into view once rendered.
  const [goTo, setGoTo] = useState<{ step: number } | null>(null);
  const goToStep = useCallback((step: number) => {
    setStepLimit((n) => Math.max(n, step + 1));
    setGoTo({ step });
  }, []);
  useEffect(() => {
    if (goTo) document.getElementById(`replay-step-${goTo.step}`)?.scrollIntoView?.({ block: 'center' });
  }, [goTo]);
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);
  const heading = useRef<HTMLHeadingElement>(null);

  // Opened from the list far above: bring it into view, and move keyboard focus to it.
  useEffect(() => {
    heading.current?.scrollIntoView?.({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, []);

  useEffect(() => {
    if (mode.kind !== 'timed') return;
    const tick = () => {
      const elapsed = (performance.now() - mode.startedAt) * mode.speed;
      setClock(elapsed);
      if (elapsed >= duration) {
        clearInterval(timer.current);
        setMode({ kind: 'instant' });
      }
    };
    tick();
    timer.current = setInterval(tick, 50);
    return () => clearInterval(timer.current);
  }, [mode, duration]);

  const elapsed = mode.kind === 'instant' ? duration : clock;
  const frame = mode.kind === 'instant' ? replayFrame(run, Infinity) : replayFrame(run, elapsed);
  const playing = mode.kind === 'timed';

  return (
    <section className="panel replay" aria-labelledby="replay-heading">
      <div className="panel-head">
        <h2 id="replay-heading" ref={heading} tabIndex={-1}>
          Replay
        </h2>
        <div className="toolbar">
          <button type="button" className="button-primary" onClick={() => setMode({ kind: 'timed', speed, startedAt: performance.now() })}>
            {playing ? 'Restart replay' : 'Replay with original timing'}
          </button>
          <SelectField
            className="inline-field"
            label="Speed"
            value={speed}
            options={SPEEDS}
            onChange={(next) => {
              setSpeed(next);
              // Keep the position when the speed changes mid-replay.
              if (mode.kind === 'timed') setMode({ kind: 'timed', speed: next, startedAt: performance.now() - clock / next });
            }}
          />
          <button type="button" onClick={() => setMode({ kind: 'instant' })} disabled={!playing}>
            Show all at once
          </button>
          <button type="button" className="button-quiet" onClick={onClose}>
            Close replay
          </button>
        </div>
      </div>
      <p className="replay-prompt">
        <strong>Prompt:</strong>{' '}
        {clipped ? (
          <ClippedText text={run.prompt} fullLength={clipped.promptChars} load={() => storedRunText(run.id, 'prompt')} label="prompt" markdown={false} />
        ) : (
          <LongText text={run.prompt} label="prompt" markdown={false} />
        )}
      </p>
      {run.demo && <DemoPlayNote label={run.demo} variant="caption" />}
      <dl className="metrics">
        <div className="metric">
          <dt>Status</dt>
          <dd>
            {run.status}
            {run.timedOut ? ' · timed out' : ''}
          </dd>
        </div>
        <div className="metric">
          <dt>Started</dt>
          <dd>{new Date(run.startedAt).toLocaleString()}</dd>
        </div>
        <div className="metric">
          <dt>Latency</dt>
          <dd>{run.latencyMs === undefined ? '—' : `${(run.latencyMs / 1000).toFixed(1)} s`}</dd>
        </div>
        <div className="metric">
          <dt>Time to first token</dt>
          <dd>{run.ttftMs === undefined ? '—' : `${(run.ttftMs / 1000).toFixed(2)} s`}</dd>
        </div>
        <div className="metric">
          <dt>Reasoning tokens</dt>
          <dd>
            {formatCount(run.reasoningTokens)}
            {run.reasoningTokensSource === 'estimate' ? ' (est.)' : ''}
          </dd>
        </div>
        <div className="metric">
          <dt>Consistency</dt>
          <dd>{run.consistencyScore === undefined ? '—' : run.consistencyScore.toFixed(2)}</dd>
        </div>
        <div className="metric">
          <dt>Model</dt>
          <dd>{run.model || run.provider}</dd>
        </div>
      </dl>
      {run.error && <p className="flag flag-warn">{run.error}</p>}
      <p className="replay-clock" aria-live="off">
        {playing ? 'Replaying' : 'Showing all'} · {formatClock(elapsed)} of {formatClock(duration)}
        {playing && speed !== 1 ? ` at ${speed}×` : ''}
      </p>
      <div className="replay-grid">
        <div className="replay-reasoning">
          <h3>
            Reasoning · {frame.steps} of {run.steps.length} steps
          </h3>
          {run.steps.length === 0 ? (
            <p className="placeholder">This run has no reasoning steps.</p>
          ) : (
            <ol className="steps replay-steps" aria-label="Steps">
              {run.steps.slice(0, Math.min(frame.steps, stepLimit)).map((s, i) => (
                <Step key={i} index={i} text={s.text} findings={byStep.get(i) ?? NO_FINDINGS} marks={marks.get(i)} onGoTo={goToStep} fullLength={clipped?.stepChars[i]} runId={run.id} />
              ))}
              {frame.partial && frame.partial.index < stepLimit && (
                <Step key={`live-${frame.partial.index}`} index={frame.partial.index} text={frame.partial.text} findings={NO_FINDINGS} live />
              )}
            </ol>
          )}
          {frame.steps > stepLimit && (
            <button type="button" className="button-quiet show-more" onClick={() => setStepLimit((n) => n + STEP_PAGE)}>
              Show {Math.min(STEP_PAGE, frame.steps - stepLimit)} more steps of {frame.steps - stepLimit}
            </button>
          )}
        </div>
        <div className="replay-side">
          <h3>Checkpoints</h3>
          {run.checkpoints.length === 0 ? (
            <p className="placeholder">No checkpoints in this run.</p>
          ) : (
            <ol className="checkpoint-list" aria-label="Checkpoints">
              {run.checkpoints.slice(0, frame.checkpoints).map((c) => (
                <li key={c.number} className="checkpoint">
                  <p className="checkpoint-head">
                    <strong>Checkpoint {c.number}</strong> · after {c.stepCount} steps · {(c.elapsedMs / 1000).toFixed(1)} s
                  </p>
                  <ul className="checkpoint-summary">
                    {c.summary.map((line, i) => (
                      <li key={i}>{line}</li>
                    ))}
                  </ul>
                  {c.modelSummary && <p className="checkpoint-model">{c.modelSummary}</p>}
                </li>
              ))}
            </ol>
          )}
          <h3>Answer</h3>
          {run.demo && <DemoPlayNote label={run.demo} variant="answer" />}
          <div className="answer-body" aria-label="Answer" role="region">
            {frame.answer ? (
              clipped && frame.finished ? (
                <ClippedText text={frame.answer} fullLength={clipped.answerChars} load={() => storedRunText(run.id, 'answer')} label="answer" />
              ) : (
                <LongText text={frame.answer} label="answer" />
              )
            ) : <p className="placeholder">{frame.finished ? 'No answer in this run.' : 'The answer appears here.'}</p>}
          </div>
        </div>
      </div>
    </section>
  );
}
