import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { LONG_STEP_PREVIEW_CHARS, LongText } from '../../components/LongText';
import type { Step } from '../../core/steps/types';
import type { Finding } from '../../core/verify';
import { findingLine } from './findings';
import { selectRun, selectSteps, selectTail, selectView, useLiveRun } from './run-store';

const EMPTY: readonly Step[] = [];
/** The live tail re-renders every frame: at most this much of it is shown. */
const LIVE_TAIL_CHARS = 4000;

const NO_FINDINGS: readonly Finding[] = [];

/** A finished step never changes; it re-renders only when its own findings or score do. */
const StepItem = memo(function StepItem({ step }: { step: Step }) {
  const findings = useLiveRun((s) => selectView(s)?.findingsByStep.get(step.index) ?? NO_FINDINGS);
  const score = useLiveRun((s) => selectView(s)?.stepScores[step.index]);
  const flagged = findings.some((f) => f.severity !== 'note');
  return (
    <>
      <span className={`step-number${flagged ? ' step-number-flagged' : ''}`} aria-hidden="true">
        {step.index + 1}
      </span>
      <div className="step-body">
        <span className="visually-hidden">Step {step.index + 1}: </span>
        <LongText text={step.text} label="step" preview={LONG_STEP_PREVIEW_CHARS} />
        {findings.map((f, i) => (
          <p key={i} className={`finding finding-${f.severity}`} data-kind={f.kind}>
            {findingLine(f)}
          </p>
        ))}
      </div>
      {score !== undefined && (
        <span className={`step-score${score < 1 ? ' step-score-low' : ''}`} title="Step consistency score (1 = no findings)">
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

export function ReasoningSteps() {
  const steps = useLiveRun(selectSteps) ?? EMPTY;
  const scrollRef = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const [showJump, setShowJump] = useState(false);
  const tailLength = useLiveRun((s) => selectRun(s)?.tail.length ?? 0);

  // We do not use the React Compiler; the virtualizer's unstable functions are fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: steps.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 72,
    overscan: 6,
    getItemKey: (i) => i,
    // jsdom has no layout; assume a viewport so tests see the first steps.
    initialRect: { width: 800, height: 600 },
  });

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - 32;
    following.current = atBottom;
    setShowJump(!atBottom);
  }, []);

  // Follow the tail unless the reader scrolled up.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [steps.length, tailLength]);

  // Next/previous warning: scroll the (virtualized) list to the step and stop following the tail.
  const focus = useLiveRun((s) => s.focusStep);
  useEffect(() => {
    if (!focus) return;
    following.current = false;
    setShowJump(true);
    virtualizer.scrollToIndex(focus.index, { align: 'center' });
  }, [focus, virtualizer]);

  const items = virtualizer.getVirtualItems();
  return (
    <div className="reasoning-scroll-wrap">
      <div className="reasoning-scroll" ref={scrollRef} onScroll={onScroll} tabIndex={0} role="group" aria-label="Reasoning steps, scrollable">
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
              <StepItem step={steps[item.index]} />
            </li>
          ))}
        </ol>
        <LiveTail stepNumber={steps.length + 1} />
      </div>
      {showJump && (
        <button
          type="button"
          className="jump-latest"
          onClick={() => {
            following.current = true;
            setShowJump(false);
            const el = scrollRef.current;
            if (el) el.scrollTop = el.scrollHeight;
          }}
        >
          Jump to latest ↓
        </button>
      )}
    </div>
  );
}
