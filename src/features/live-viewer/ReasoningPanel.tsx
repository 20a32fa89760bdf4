import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo } from 'react';
import { LONG_STEP_PREVIEW_CHARS, LongText } from '../../components/LongText';
import { isCorrected, StepMarks } from '../../components/StepMarks';
import type { Step } from '../../core/steps/types';
import { traceErrors, type Finding, type StepMark } from '../../core/verify';
import { cutOffLine, evidenceOf, findingLine } from './findings';
import { focusOnStep, selectContext, selectRun, selectSteps, selectTail, selectView, useLiveRun } from './run-store';
import { useFollowNewest } from './use-follow-newest';

const EMPTY: readonly Step[] = [];
/** The live tail re-renders every frame: at most this much of it is shown. */
const LIVE_TAIL_CHARS = 4000;

const NO_FINDINGS: readonly Finding[] = [];
const NO_MARKS: readonly StepMark[] = [];

/** A self-correction marker is shown where it is, as a neutral mark: counted, not a fault. */
function SelfCorrectionMark({ finding }: { finding: Finding }) {
  const markers = finding.kind === 'self-correction' ? finding.evidence.markers : [];
  return (
    <p className="step-mark" data-kind="self-correction">
      <span aria-hidden="true">↺ </span>Self-correction: {markers.map((m) => `“${m}”`).join(', ') || evidenceOf(finding)}
    </p>
  );
}

/** A finished step never changes; it re-renders only when its own findings or score do. */
const StepItem = memo(function StepItem({ step, marks }: { step: Step; marks: readonly StepMark[] }) {
  const findings = useLiveRun((s) => selectView(s)?.findingsByStep.get(step.index) ?? NO_FINDINGS);
  const score = useLiveRun((s) => selectView(s)?.stepScores[step.index]);
  const cutOff = useLiveRun((s) => (selectRun(s)?.cutOffStep === step.index ? selectRun(s)?.status : undefined));
  const flagged = findings.some((f) => f.severity !== 'note');
  return (
    <>
      <span className={`step-number${flagged ? ' step-number-flagged' : ''}`} aria-hidden="true">
        {step.index + 1}
      </span>
      <div className="step-body">
        <span className="visually-hidden">Step {step.index + 1}{isCorrected(marks) ? ' (corrected later)' : ''}: </span>
        <div className={isCorrected(marks) ? 'step-corrected-text' : undefined}>
          <LongText text={step.text} label="step" preview={LONG_STEP_PREVIEW_CHARS} />
        </div>
        {cutOff && (
          <p className="step-mark step-mark-cut" data-testid="cut-off-step">
            {cutOffLine(cutOff)}
          </p>
        )}
        {findings.map((f, i) =>
          f.kind === 'self-correction' ? (
            <SelfCorrectionMark key={i} finding={f} />
          ) : (
            <p key={i} className={`finding finding-${f.severity}`} data-kind={f.kind}>
              {findingLine(f)}
            </p>
          ),
        )}
        <StepMarks marks={marks} onGoTo={focusOnStep} />
      </div>
      {score !== undefined && !cutOff && (
        <span className={`step-score${score < 1 ? ' step-score-low' : ''}`} title="Step consistency score (1 = no findings; self-corrections are counted, not scored)">
          {score.toFixed(2)}
        </span>
      )}
    </>
  );
});

/** The live tail: plain text, the only part that re-renders per frame. Findings about the step
 * still to come (a step timeout) show here, since that step has no list item yet. */
function LiveTail({ stepNumber }: { stepNumber: number }) {
  const tail = useLiveRun(selectTail);
  const pending = useLiveRun((s) => selectView(s)?.findingsByStep.get(stepNumber - 1) ?? NO_FINDINGS);
  const live = useLiveRun((s) => ['streaming', 'connecting'].includes(selectRun(s)?.status ?? ''));
  if (!tail.trim() && (!pending.length || !live)) return null;
  // A step that never ends (no paragraph break for megabytes) shows its latest part only.
  const text = tail.trim();
  const shown = text.length > LIVE_TAIL_CHARS ? `…${text.slice(-LIVE_TAIL_CHARS)}` : text;
  return (
    <div className="step step-live" aria-live="off">
      <span className="step-number" aria-hidden="true">
        {stepNumber}
      </span>
      <div className="step-body">
        {text ? <div className="live-text">{shown}</div> : <div className="live-text placeholder">waiting for the next step…</div>}
        {pending.map((f, i) => (
          <p key={i} className={`finding finding-${f.severity}`} data-kind={f.kind}>
            {findingLine(f)}
          </p>
        ))}
      </div>
    </div>
  );
}

/** The numbered steps, pinned to the newest until the reader scrolls up (`onReaderScrolledUp`). */
export function ReasoningSteps({ onReaderScrolledUp }: { onReaderScrolledUp?: () => void } = {}) {
  const steps = useLiveRun(selectSteps) ?? EMPTY;
  const findings = useLiveRun((s) => selectView(s)?.findings ?? NO_FINDINGS);
  const prompt = useLiveRun((s) => selectContext(s)?.prompt ?? '');
  // A snapshot copies the steps each frame; the trail changes only when a step completes (the
  // newest step object changes) or a finding arrives.
  const newest = steps[steps.length - 1];
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const marks = useMemo(() => traceErrors(steps, findings, prompt), [steps.length, newest, findings, prompt]);
  const { scrollRef, contentRef, showJump, jumpToLatest, unpin } = useFollowNewest(onReaderScrolledUp);
  // Re-render with the live tail, so a growing tail keeps the box pinned.
  useLiveRun((s) => selectRun(s)?.tail.length ?? 0);

  // We do not use the React Compiler; the virtualizer's unstable functions are fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: steps.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 72,
    overscan: 6,
    getItemKey: (i) => i,
    // A scroll (ours, pinning the newest step, or the reader's) re-renders with the next update,
    // not synchronously inside the scroll event: at full speed that was a second render per frame.
    useFlushSync: false,
    // jsdom has no layout; assume a viewport so tests see the first steps.
    initialRect: { width: 800, height: 600 },
  });

  // Next/previous warning: scroll the (virtualized) list to the step and stop following.
  const focus = useLiveRun((s) => s.focusStep);
  useEffect(() => {
    if (!focus) return;
    unpin();
    virtualizer.scrollToIndex(focus.index, { align: 'center' });
    // The list box itself may sit partly below the fold: bring the step into the window too.
    const frame = requestAnimationFrame(() => scrollRef.current?.querySelector(`li[data-index="${focus.index}"]`)?.scrollIntoView?.({ block: 'nearest' }));
    return () => cancelAnimationFrame(frame);
  }, [focus, virtualizer, unpin, scrollRef]);

  const items = virtualizer.getVirtualItems();
  return (
    <div className="reasoning-scroll-wrap">
      <div className="reasoning-scroll" ref={scrollRef} tabIndex={0} role="group" aria-label="Reasoning steps, scrollable">
        <div ref={contentRef}>
          <ol className="steps" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => (
              <li
                key={item.key}
                data-index={item.index}
                // Only the visible steps are in the DOM; tell assistive technology where they sit.
                aria-setsize={steps.length}
                aria-posinset={item.index + 1}
                ref={virtualizer.measureElement}
                className={`step${focus?.index === item.index ? ' step-focused' : ''}`}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <StepItem step={steps[item.index]} marks={marks.get(item.index) ?? NO_MARKS} />
              </li>
            ))}
          </ol>
          <LiveTail stepNumber={steps.length + 1} />
        </div>
      </div>
      {showJump && (
        <button type="button" className="jump-latest" onClick={jumpToLatest}>
          Jump to latest ↓
        </button>
      )}
    </div>
  );
}
