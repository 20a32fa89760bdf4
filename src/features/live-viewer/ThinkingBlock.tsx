import { useEffect, useId, useRef } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { runToMarkdown } from '../../core/run/export-markdown';
import { downloadText } from '../../lib/download';
import { toRunRecord } from '../../lib/run-record';
import { ReasoningSteps } from './ReasoningPanel';
import { originalThinkingMs, runPrompt } from './run-controller';
import { selectContext, selectRun, selectStatus, selectView, setThinkingOpen, useLiveRun } from './run-store';
import { thinkingLabel } from './thinking-label';
import { DemoRunNote } from './DemoScenarioPicker';

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

type RunView = NonNullable<ReturnType<typeof selectView>>;

/** A download of the viewed run, read from the store at the click (not at every render). */
function DownloadButton({ label, disabled, onView }: { label: string; disabled: boolean; onView: (view: RunView) => void }) {
  return (
    <button
      type="button"
      className="button-quiet"
      disabled={disabled}
      onClick={() => {
        const view = selectView(useLiveRun.getState());
        if (view) onView(view);
      }}
    >
      {label}
    </button>
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
      <DownloadButton label="Download Markdown" disabled={!run || !context} onView={(view) => downloadText(`reasoning-run-${view.context.id}.md`, runToMarkdown(view.context, view.run, Date.now()))} />
      <DownloadButton
        label="Download report"
        disabled={!run || !context}
        onView={(view) => {
          const record = toRunRecord(view, Date.now());
          // The report builder (and the capacity code it uses) loads on first use, not with the page.
          void import('../../core/report/reports').then(({ runReport }) => downloadText(`reasoning-report-${record.id}.html`, runReport(record, Date.now()), 'text/html'));
        }}
      />
    </div>
  );
}

/** "10 steps · 1 flagged · 2 self-corrections": what the closed block holds. */
function ThinkingSummary() {
  const steps = useLiveRun((s) => selectRun(s)?.steps.length ?? 0);
  const findings = useLiveRun((s) => selectView(s)?.findings);
  if (!steps) return null;
  const flagged = new Set((findings ?? []).filter((f) => f.severity !== 'note').map((f) => f.step)).size;
  const corrections = (findings ?? []).filter((f) => f.kind === 'self-correction').length;
  const parts = [`${steps} step${steps === 1 ? '' : 's'}`];
  if (flagged) parts.push(`${flagged} flagged`);
  if (corrections) parts.push(`${corrections} self-correction${corrections === 1 ? '' : 's'}`);
  return <span className="thinking-summary">{parts.join(' · ')}</span>;
}

/**
 * Whether the block is open when the reader has not chosen: open while the model thinks, closed
 * once the answer is in (so the answer is what one sees), open after a failure or a stop (what
 * streamed is all there is). Chunked delivery shows checkpoints instead, so it starts closed.
 */
function autoOpen(status: string, pattern: string, hasAnswer: boolean): boolean {
  if (pattern === 'chunked') return false;
  if (status === 'done') return !hasAnswer;
  return true;
}

/**
 * The thinking block: "Thinking… 3.2 s" while the model reasons, "Thought for 12 s" after, and
 * the numbered steps (with their findings inline) one click away. Nothing of the chain is mounted
 * while it is closed.
 */
export function ThinkingBlock() {
  const runId = useLiveRun((s) => s.viewedId);
  const run = useLiveRun(selectRun);
  const now = useLiveRun((s) => s.now);
  const status = useLiveRun(selectStatus);
  const pattern = useLiveRun((s) => selectContext(s)?.deliveryPattern ?? 'streaming');
  const choice = useLiveRun((s) => (s.viewedId ? s.thinkingOpen[s.viewedId] : undefined));
  const focus = useLiveRun((s) => s.focusStep);
  const bodyId = useId();
  const live = status === 'streaming' || status === 'connecting';
  const waitingForAll = pattern === 'sync' && live;
  const open = !waitingForAll && !!run && (choice ?? autoOpen(status, pattern, !!run.answer));

  // Bringing a step into view (next/previous warning, the guided demo) opens the block.
  const lastFocus = useRef(focus);
  useEffect(() => {
    if (focus && focus !== lastFocus.current && runId) setThinkingOpen(runId, true);
    lastFocus.current = focus;
  }, [focus, runId]);

  const label = run && !waitingForAll ? thinkingLabel(run, now, runId ? originalThinkingMs(runId) : undefined) : undefined;
  const title = label?.text || 'Reasoning';
  return (
    <section className={`panel reasoning thinking${open ? ' thinking-open' : ''}`} aria-label="Reasoning" data-tour="reasoning">
      <div className="panel-head">
        <h2 id="reasoning-heading" className="thinking-heading">
          {run && !waitingForAll ? (
            <button
              type="button"
              className="thinking-toggle"
              aria-expanded={open}
              aria-controls={bodyId}
              data-thinking={label?.thinking ? 'live' : 'done'}
              onClick={() => runId && setThinkingOpen(runId, !open)}
            >
              <span className="thinking-chevron" aria-hidden="true" />
              <span className="thought-for">{title}</span>
            </button>
          ) : (
            title
          )}
        </h2>
        {!open && <ThinkingSummary />}
        <ExportButtons />
      </div>
      <ReasoningNotes />
      <div id={bodyId} className="thinking-body">
        {waitingForAll ? (
          <p className="placeholder sync-wait">Synchronous delivery: the reasoning and answer appear together when the run completes.</p>
        ) : open ? (
          <ReasoningSteps onReaderScrolledUp={() => runId && setThinkingOpen(runId, true)} />
        ) : !run ? (
          <p className="placeholder">The model's reasoning appears here, step by step.</p>
        ) : null}
      </div>
    </section>
  );
}
