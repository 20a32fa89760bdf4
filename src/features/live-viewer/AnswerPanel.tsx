import { LongText } from '../../components/LongText';
import { selectAnswer, selectStatus, useLiveRun } from './run-store';
import { useWaitingForFullResponse } from './RunStatus';
import { DemoRunNote } from './DemoScenarioPicker';

/** The answer; a synchronous run shows it only once the whole response is in. */
export function AnswerPanel() {
  const answer = useLiveRun(selectAnswer);
  const status = useLiveRun(selectStatus);
  const waiting = useWaitingForFullResponse();
  const live = status === 'streaming' || status === 'connecting';
  const placeholder = waiting
    ? 'The answer arrives with the full response.'
    : status === 'idle'
      ? 'The answer appears here.'
      : live
        ? 'Waiting for the answer…'
        : 'No answer.';
  return (
    <section className="panel answer" aria-label="Answer">
      <h2 id="answer-heading">Answer</h2>
      <DemoRunNote variant="answer" />
      <div className="answer-body">{answer && !waiting ? <LongText text={answer} label="answer" /> : <p className="placeholder">{placeholder}</p>}</div>
    </section>
  );
}
