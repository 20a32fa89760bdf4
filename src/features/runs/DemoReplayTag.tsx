import { shortQuestion } from '../../core/demo/demo-answer';
import type { RunRecord } from '../../core/stored-runs';

/** In the list: this run's answer belongs to a demo scenario's question, not to its prompt. */
export function DemoReplayTag({ demo }: { demo: NonNullable<RunRecord['demo']> }) {
  return (
    <span className="demo-tag" title={`The demo model played the scenario “${demo.title}”: its answer is for “${demo.question}”, not for this prompt.`}>
      demo scenario: {demo.title} — answers “{shortQuestion(demo.question, 48)}”
    </span>
  );
}
