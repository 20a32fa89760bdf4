import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { Markdown } from '../../components/Markdown';
import type { Step } from '../../core/steps/types';
import { selectSteps, selectTail, useLiveRun } from './run-store';

const EMPTY: readonly Step[] = [];

/** A finished step never changes, so it renders once. */
const StepItem = memo(function StepItem({ step, total }: { step: Step; total: number }) {
  return (
    <>
      <span className="step-number" aria-hidden="true">
        {step.index + 1}
      </span>
      <div className="step-body" aria-setsize={total} aria-posinset={step.index + 1}>
        <span className="visually-hidden">Step {step.index + 1}: </span>
        <Markdown text={step.text} />
      </div>
    </>
  );
});

/** The live tail: plain text, the only part that re-renders per frame. */
function LiveTail({ stepNumber }: { stepNumber: number }) {
  const tail = useLiveRun(selectTail);
  if (!tail.trim()) return null;
  return (
    <div className="step step-live" aria-live="off">
      <span className="step-number" aria-hidden="true">
        {stepNumber}
      </span>
      <div className="step-body live-text">{tail.trim()}</div>
    </div>
  );
}

export function ReasoningSteps() {
  const steps = useLiveRun(selectSteps) ?? EMPTY;
  const scrollRef = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const [showJump, setShowJump] = useState(false);
  const tailLength = useLiveRun((s) => s.run?.tail.length ?? 0);

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

  const items = virtualizer.getVirtualItems();
  return (
    <div className="reasoning-scroll-wrap">
      <div className="reasoning-scroll" ref={scrollRef} onScroll={onScroll} tabIndex={0} aria-label="Reasoning steps, scrollable">
        <ol className="steps" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => (
            <li
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="step"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <StepItem step={steps[item.index]} total={steps.length} />
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
