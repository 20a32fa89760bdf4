import { useEffect, useMemo, useState } from 'react';
import { demoCaption, demoLabel, planDemoAnswer, shortQuestion, type DemoLabel } from '../core/demo/demo-answer';
import type { SampleChain } from '../core/demo/sample-chain';
import { loadSampleChains } from '../lib/demo-fetch';

/** What the demo plays for a prompt (undefined while its chains load). */
export function useDemoLabel(prompt: string, model: string | undefined, enabled = true): DemoLabel | undefined {
  const [chains, setChains] = useState<readonly SampleChain[] | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let on = true;
    void loadSampleChains().then((c) => on && setChains(c));
    return () => {
      on = false;
    };
  }, [enabled]);
  // Memoised: the answer panel re-renders per token, and the prompt may be long.
  return useMemo(() => (enabled && chains ? demoLabel(planDemoAnswer(prompt, { chains, model })) : undefined), [enabled, chains, prompt, model]);
}

/**
 * Says what the demo model played for a run. `caption` is the run's label (which scenario, and
 * that the demo replays scripts); `answer` sits beside the answer and appears only when the
 * scenario's question is not the prompt, quoting the question that answer belongs to.
 */
export function DemoPlayNote({ label, variant }: { label: DemoLabel; variant: 'caption' | 'answer' }) {
  const notYours = !label.ownQuestion && (
    <span className="demo-not-yours">
      Playing: “{shortQuestion(label.question)}” — not your question.
    </span>
  );
  if (variant === 'answer') {
    return notYours ? (
      <p className="flag flag-warn demo-play-note" data-testid="demo-answer-note" title={label.question}>
        {notYours} This answer belongs to that question.
      </p>
    ) : null;
  }
  return (
    <p className={`flag ${label.ownQuestion ? 'flag-info' : 'flag-warn'} demo-play-note`} data-testid="demo-scenario" data-scenario={label.scenario ?? 'chain'}>
      {demoCaption(label)} {notYours}
    </p>
  );
}
