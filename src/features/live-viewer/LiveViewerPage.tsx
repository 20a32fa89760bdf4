import { useEffect, useId, useRef, useState } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { LongText } from '../../components/LongText';
import { UnsavedRunsNotice } from '../../components/UnsavedRunsNotice';
import { runMetrics, type RunSnapshot } from '../../core/run/accumulator';
import { runToMarkdown } from '../../core/run/export-markdown';
import { formatCount, formatSeconds } from '../../core/run/format';
import { judgeTier } from '../../core/run/tiers';
import { downloadText } from '../../lib/download';
import { toRunRecord } from '../../lib/run-record';
import { runsToJsonl } from '../../core/stored-runs';
import { useSettings } from '../../lib/settings';
import { shareQuery } from '../../lib/share-link';
import { ReasoningSteps } from './ReasoningPanel';
import { focusWarning, runPrompt, stopRun } from './run-controller';
import { selectAnswer, selectContext, selectRun, selectStatus, selectView, useLiveRun } from './run-store';
import { SettingsSidebar } from './SettingsSidebar';
import { CheckpointsPanel } from './CheckpointsPanel';
import { VerificationBar } from './VerificationBar';
import { ComparePanel, runCompare, useCompareUi } from './compare/ComparePanel';
import { stopCompare } from './run-controller';
import { DemoRunNote, DemoScenarioPicker } from './DemoScenarioPicker';
import { TierMissNote } from './TierMissNote';
import { pausedMsOf } from './paused-time';
import { EXAMPLE_QUESTION } from '../../core/demo/example-chains';

const STATUS_TEXT: Record<RunSnapshot['status'], string> = {
  idle: 'Ready',
  connecting: 'Streaming — waiting for the first token…',
  streaming: 'Streaming',
  done: 'Done',
  stopped: 'Stopped',
  error: 'Error',
};

/** When the browser refuses to store runs, say so, retry, and offer an export of what is in memory. */
function StorageWarning() {
  return (
    <UnsavedRunsNotice>
      <button
        type="button"
        onClick={() => {
          const { views, order } = useLiveRun.getState();
          const records = order.flatMap((id) => (views[id] ? [toRunRecord(views[id], Date.now())] : []));
          downloadText(`reasoning-runs-${new Date().toISOString().slice(0, 10)}.jsonl`, runsToJsonl(records), 'application/x-ndjson');
        }}
      >
        Export this session's runs
      </button>
    </UnsavedRunsNotice>
  );
}

function StatusLine() {
  const run = useLiveRun(selectRun);
  const paused = useLiveRun((s) => selectView(s)?.paused ?? false);
  const stopNote = useLiveRun((s) => (selectRun(s)?.status === 'stopped' ? selectView(s)?.policyNote : undefined));
  const status = run?.status ?? 'idle';
  if (paused && status === 'streaming') {
    return (
      <div role="status" className="status status-paused" aria-live="polite">
        <span className="status-dot" aria-hidden="true" />
        <span className="status-text">Paused by the verification policy (the stream waits; Resume continues it)</span>
      </div>
    );
  }
  return (
    <div role="status" className={`status status-${status}`} aria-live="polite">
      <span className="status-dot" aria-hidden="true" />
      <span className="status-text">
        {STATUS_TEXT[status]}
        {(status === 'error' || status === 'stopped') && run?.error ? `: ${run.error}` : ''}
        {stopNote ? ` — ${stopNote}` : ''}
      </span>
    </div>
  );
}

function Metric({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <div className="metric" title={title}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function MetricsBar() {
  const run = useLiveRun(selectRun);
  const now = useLiveRun((s) => s.now);
  const targets = useSettings((s) => s.tierTargets);
  const stepTimeout = useSettings((s) => s.stepTimeoutSeconds);
  const viewedId = useLiveRun((s) => s.viewedId);
  if (!run) return null;
  const m = runMetrics(run, Math.max(now, run.lastEventAt ?? 0));
  const live = run.status === 'streaming' || run.status === 'connecting';
  const pausedMs = pausedMsOf(viewedId, run.endedAt ?? Math.max(now, run.lastEventAt ?? 0));
  const tier = judgeTier(m.stepCount, Math.max(0, m.elapsedMs - pausedMs) / 1000, targets);
  const stalled = m.sinceLastStepMs !== undefined && m.sinceLastStepMs > stepTimeout * 1000;
  return (
    <div className="metrics-block" data-tour="metrics">
      <dl className="metrics">
        <Metric label="Elapsed" value={formatSeconds(m.elapsedMs)} />
        <Metric label="Time to first token" value={formatSeconds(m.ttftMs)} />
        <Metric label="Tokens/s" value={m.tokensPerSecond === undefined ? '—' : m.tokensPerSecond.toFixed(1)} />
        <Metric
          label="Reasoning tokens"
          value={`${formatCount(m.reasoningTokens)}${m.reasoningTokensSource === 'estimate' ? ' (est.)' : ''}`}
          title={m.reasoningTokensSource === 'estimate' ? 'Counted in the browser: the server did not report reasoning tokens.' : 'Reported by the server.'}
        />
        <Metric label="Steps" value={String(m.stepCount)} />
        <Metric
          label="Tier"
          value={`${tier.tier} · ${tier.actualSeconds.toFixed(1)} s of ${tier.targetSeconds} s`}
          title={tier.advice}
        />
      </dl>
      <TierMissNote tier={tier} live={live} pausedMs={pausedMs} />
      {live && stalled && (
        <p className="flag flag-warn" data-testid="step-timeout">
          No new step for {formatSeconds(m.sinceLastStepMs)} (step timeout {stepTimeout} s).
        </p>
      )}
      {run.malformedCount > 0 && (
        <p className="flag flag-info">
          Skipped {run.malformedCount} malformed line{run.malformedCount === 1 ? '' : 's'} in the stream.
        </p>
      )}
    </div>
  );
}

function ReasoningHeader() {
  const run = useLiveRun(selectRun);
  const now = useLiveRun((s) => s.now);
  if (!run) return <h2 id="reasoning-heading">Reasoning</h2>;
  const m = runMetrics(run, Math.max(now, run.lastEventAt ?? 0));
  const label =
    m.thoughtForMs !== undefined
      ? `Thought for ${Math.max(1, Math.round(m.thoughtForMs / 1000))} s`
      : run.reasoningStartedAt !== undefined && (run.status === 'streaming' || run.status === 'connecting')
        ? `Thinking… ${formatSeconds(m.elapsedMs)}`
        : '';
  return (
    <>
      <h2 id="reasoning-heading">
        Reasoning {label && <span className="thought-for">{label}</span>}
      </h2>
      
    </>
  );
}

function ReasoningNotes() {
  const kind = useLiveRun((s) => selectRun(s)?.reasoningKind);
  const context = useLiveRun(selectContext);
  const cache = context?.cache;
  const hasReasoning = useLiveRun((s) => (selectRun(s)?.reasoningChars ?? 0) > 0);
  const done = useLiveRun((s) => selectRun(s)?.status === 'done');
  return (
    <>
      <DemoRunNote variant="caption" />
      {cache && (
        <p className="flag flag-info cache-badge">
          <strong>cached · similarity {cache.similarity.toFixed(2)}</strong> — replayed from an earlier run of a similar prompt.{' '}
          <button type="button" onClick={() => context && void runPrompt(context.prompt, { fresh: true })}>
            Run fresh anyway
          </button>
        </p>
      )}
      {context?.notice && <p className="flag flag-warn">{context.notice}</p>}
      {kind === 'summary' && <p className="flag flag-info">Reasoning summary from the provider, not the raw chain of thought.</p>}
      {kind === 'redacted' && <p className="flag flag-info">Part of the reasoning was redacted by the provider and is shown as such.</p>}
      {done && !hasReasoning && context && context.provider !== 'demo' && (
        <p className="flag flag-info">No reasoning text arrived. {context.reasoningNote ?? ''}</p>
      )}
    </>
  );
}

function ExportButtons() {
  const run = useLiveRun(selectRun);
  const context = useLiveRun(selectContext);
  const reasoningText = () => {
    const r = selectRun(useLiveRun.getState());
    return r ? [...r.steps.map((s) => s.text), r.tail.trim()].filter(Boolean).join('\n\n') : '';
  };
  return (
    <div className="toolbar">
      <CopyButton label="Copy reasoning" text={reasoningText} disabled={!run} />
      <CopyButton label="Copy answer" text={() => selectRun(useLiveRun.getState())?.answer ?? ''} disabled={!run} />
      <button
        type="button"
        className="button-quiet"
        disabled={!run || !context}
        onClick={() => {
          const view = selectView(useLiveRun.getState());
          if (view) downloadText(`reasoning-run-${view.context.id}.md`, runToMarkdown(view.context, view.run, Date.now()));
        }}
      >
        Download Markdown
      </button>
      <button
        type="button"
        className="button-quiet"
        disabled={!run || !context}
        onClick={() => {
          const view = selectView(useLiveRun.getState());
          if (!view) return;
          const record = toRunRecord(view, Date.now());
          // The report builder (and the capacity code it uses) loads on first use, not with the page.
          void import('../../core/report/reports').then(({ runReport }) => downloadText(`reasoning-report-${record.id}.html`, runReport(record, Date.now()), 'text/html'));
        }}
      >
        Download report
      </button>
    </div>
  );
}

/** The reasoning as the chosen delivery pattern presents it. */
function DeliveredReasoning() {
  const pattern = useLiveRun((s) => selectContext(s)?.deliveryPattern ?? 'streaming');
  const status = useLiveRun(selectStatus);
  const stepCount = useLiveRun((s) => selectRun(s)?.steps.length ?? 0);
  const [showChain, setShowChain] = useState(false);
  const live = status === 'streaming' || status === 'connecting';
  const reasoningPanel = (body: React.ReactNode) => (
    <section className="panel reasoning" aria-label="Reasoning" data-tour="reasoning">
      <div className="panel-head">
        <ReasoningHeader />
        <ExportButtons />
      </div>
      <ReasoningNotes />
      {body}
    </section>
  );
  if (pattern === 'sync' && live) {
    return reasoningPanel(<p className="placeholder sync-wait">Synchronous delivery: the reasoning and answer appear together when the run completes.</p>);
  }
  if (pattern === 'chunked') {
    return (
      <>
        <CheckpointsPanel />
        {reasoningPanel(
          showChain ? (
            <>
              <button type="button" className="button-quiet" onClick={() => setShowChain(false)}>
                Hide full chain
              </button>
              <ReasoningSteps />
            </>
          ) : (
            <button type="button" onClick={() => setShowChain(true)}>
              Show full chain ({stepCount} steps)
            </button>
          ),
        )}
      </>
    );
  }
  return (
    <>
      {reasoningPanel(<ReasoningSteps />)}
      <CheckpointsPanel />
    </>
  );
}

function DeliveredAnswer() {
  const pattern = useLiveRun((s) => selectContext(s)?.deliveryPattern ?? 'streaming');
  const status = useLiveRun(selectStatus);
  if (pattern === 'sync' && (status === 'streaming' || status === 'connecting')) {
    return (
      <section className="panel answer" aria-label="Answer">
        <h2 id="answer-heading">Answer</h2>
        <p className="placeholder">Waiting for the complete response…</p>
      </section>
    );
  }
  return <AnswerPanel />;
}

function AnswerPanel() {
  const answer = useLiveRun(selectAnswer);
  const status = useLiveRun(selectStatus);
  return (
    <section className="panel answer" aria-label="Answer">
      <h2 id="answer-heading">Answer</h2>
      <DemoRunNote variant="answer" />
      <div className="answer-body">
        {answer ? <LongText text={answer} label="answer" /> : <p className="placeholder">{status === 'idle' ? 'The answer appears here.' : status === 'streaming' || status === 'connecting' ? 'Waiting for the answer…' : 'No answer.'}</p>}
      </div>
    </section>
  );
}

/**
 * The prompt field is uncontrolled: a controlled <textarea> rewrites its whole text (React sets
 * defaultValue) on every keystroke, which for a long prompt is real work each time. Typing goes
 * to the store; a prompt set from elsewhere (a share link, the guided demo) is written back here.
 * Nothing subscribes to the prompt for rendering, so typing re-renders nothing.
 */
function PromptBox({ id, ref }: { id: string; ref: React.RefObject<HTMLTextAreaElement | null> }) {
  const [initial] = useState(() => useSettings.getState().prompt);
  const typed = useRef(initial);
  useEffect(
    () =>
      useSettings.subscribe((s) => {
        if (s.prompt === typed.current || !ref.current) return;
        typed.current = s.prompt;
        ref.current.value = s.prompt;
      }),
    [ref],
  );
  return (
    <textarea
      id={id}
      ref={ref}
      defaultValue={initial}
      rows={3}
      placeholder={`Ask something that needs thinking, e.g. “${EXAMPLE_QUESTION}”`}
      onChange={(e) => {
        typed.current = e.target.value;
        useSettings.getState().update({ prompt: typed.current });
      }}
    />
  );
}

export function LiveViewerPage() {
  const status = useLiveRun(selectStatus);
  const pattern = useLiveRun((s) => selectContext(s)?.deliveryPattern);
  const live = status === 'streaming' || status === 'connecting';
  // An async run keeps going in the background, so another run may start beside it.
  const blocked = live && pattern !== 'async';
  const promptId = useId();
  const [shareNote, setShareNote] = useState('');
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const compareOn = useCompareUi((s) => s.on);
  const setCompareOn = useCompareUi((s) => s.setOn);


  const run = () => {
    const text = useSettings.getState().prompt.trim();
    if (!text) promptRef.current?.focus();
    else if (useCompareUi.getState().on) void runCompare(text);
    else void runPrompt(text);
  };

  // Keyboard: Ctrl/Cmd+Enter runs, Escape stops, n / p jump to the next / previous warning.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        const status = selectStatus(useLiveRun.getState());
        if (status !== 'streaming' && status !== 'connecting') run();
      } else if (e.key === 'Escape' && !document.querySelector('dialog[open]')) {
        stopRun();
        stopCompare();
      } else if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === 'n' || e.key === 'p')) {
        if (focusWarning(e.key === 'n' ? 1 : -1) !== undefined) e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="viewer">
      <div className="main-column">
        <form
          className="prompt-form"
          onSubmit={(e) => {
            e.preventDefault();
            run();
          }}
        >
          <label htmlFor={promptId}>Prompt</label>
          <PromptBox id={promptId} ref={promptRef} />
          <DemoScenarioPicker />
          <div className="toolbar">
            <button type="submit" className="button-primary" disabled={blocked}>
              Run
            </button>
            <button type="button" onClick={() => stopRun()} disabled={!live}>
              Stop
            </button>
            <button type="button" aria-pressed={compareOn} className={compareOn ? 'button-toggle-on' : undefined} onClick={() => setCompareOn(!compareOn)} title="Two runs of this prompt side by side">
              Compare
            </button>
            <button
              type="button"
              className="button-quiet"
              onClick={async () => {
                const url = `${location.origin}${location.pathname}#/?${shareQuery(useSettings.getState())}`;
                try {
                  await navigator.clipboard.writeText(url);
                  setShareNote('Link copied (no API key in it).');
                } catch {
                  setShareNote(url);
                }
              }}
            >
              Share link
            </button>
            <span className="hint" data-testid="shortcuts">
              {shareNote || (
                <>
                  <kbd>Ctrl</kbd>+<kbd>Enter</kbd> run · <kbd>Esc</kbd> stop · <kbd>n</kbd>/<kbd>p</kbd> next/previous warning
                </>
              )}
            </span>
          </div>
        </form>
        <StorageWarning />
        {compareOn ? (
          <ComparePanel />
        ) : (
          <>
            <StatusLine />
            <MetricsBar />
            <VerificationBar />
            <DeliveredReasoning />
            <DeliveredAnswer />
          </>
        )}
      </div>
      {/* After the prompt in the document (and the Tab order); styles.css draws it first. */}
      <SettingsSidebar live={live} />
    </div>
  );
}
