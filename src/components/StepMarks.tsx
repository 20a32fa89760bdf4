import './step-marks.css';
import { stepMarkLine, type StepMark } from '../core/verify';

/**
 * How an error travelled, at the step: "Corrected by the model in step 6", "Uses 418 from step 2",
 * "Corrects step 2: 408, not 418". The step named is a button that brings it into view.
 */
export function StepMarks({ marks, onGoTo }: { marks: readonly StepMark[]; onGoTo: (step: number) => void }) {
  return (
    <>
      {marks.map((m, i) => {
        const target = m.kind === 'corrected' ? m.by : m.kind === 'corrects' ? m.step : m.from;
        return (
          <p key={i} className="step-mark step-trail" data-kind={m.kind}>
            <span aria-hidden="true">{m.kind === 'carries' ? '↳ ' : m.kind === 'corrects' ? '✓ ' : '✗ '}</span>
            {stepMarkLine(m)}{' '}
            <button type="button" className="step-trail-go" onClick={() => onGoTo(target)}>
              Go to step {target + 1}
            </button>
          </p>
        );
      })}
    </>
  );
}

/** A step that was corrected later is struck through (its text stays readable). */
export const isCorrected = (marks: readonly StepMark[] | undefined) => !!marks?.some((m) => m.kind === 'corrected');
