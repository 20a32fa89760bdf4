import { DemoPlayNote, useDemoLabel } from '../../components/DemoPlayNote';
import { SelectField } from '../../components/SelectField';
import { getScenario, SCENARIO_CHOICES, type ScenarioId } from '../../core/demo/pick-scenario';
import { normalizePrompt } from '../../core/demo/sample-chain';
import { endpointFor, useSettings } from '../../lib/settings';
import { selectContext, useLiveRun } from './run-store';
import { useSettled } from './use-settled';

const SCENARIO_OPTIONS: { value: ScenarioId | ''; label: string }[] = [{ value: '', label: 'Your own prompt' }, ...SCENARIO_CHOICES.map((c) => ({ value: c.id, label: c.title }))];
const SCENARIO_PROMPTS = SCENARIO_CHOICES.map((c) => ({ id: c.id, prompt: normalizePrompt(c.prompt) }));
const matchedScenario = (prompt: string): ScenarioId | '' => {
  const typed = normalizePrompt(prompt);
  return SCENARIO_PROMPTS.find((c) => c.prompt === typed)?.id ?? '';
};

/** The hint reads the whole prompt (it may be megabytes): it is worked out once typing pauses. */
const PROMPT_PAUSE_MS = 300;

/**
 * The demo's scenarios, beside the prompt when the provider is the demo: choosing one fills in
 * its example prompt; the hint says what the demo will play for the prompt as typed.
 */
export function DemoScenarioPicker() {
  const provider = useSettings((s) => s.provider);
  const prompt = useSettled(useSettings((s) => s.prompt), PROMPT_PAUSE_MS);
  const model = useSettings((s) => endpointFor(s).model);
  const label = useDemoLabel(prompt, model, provider === 'demo');
  if (provider !== 'demo') return null;
  const matched = matchedScenario(prompt);
  let hint: string;
  if (matched) hint = getScenario(matched).description;
  else if (!label) hint = '';
  else if (label.source === 'chain') hint = 'The demo has this question’s own worked chain and answers it with that.';
  else if (!prompt.trim()) hint = 'Pick a scenario, or type a question: the demo answers only the questions it has chains for.';
  else hint = `The demo has no chain for this prompt: it will play “${label.title}” and show that scenario’s question beside its answer.`;
  return (
    <SelectField
      className="field demo-picker"
      label="Demo scenario"
      value={matched}
      options={SCENARIO_OPTIONS}
      onChange={(chosen) => {
        if (chosen) useSettings.getState().update({ prompt: getScenario(chosen).prompt });
      }}
      hint={hint}
    />
  );
}

/** The viewed run's demo label: the caption, or the note beside the answer. */
export function DemoRunNote({ variant }: { variant: 'caption' | 'answer' }) {
  const context = useLiveRun(selectContext);
  const isDemo = context?.provider === 'demo' && !context.cache;
  const label = useDemoLabel(context?.prompt ?? '', context?.model, isDemo);
  return isDemo && label ? <DemoPlayNote label={label} variant={variant} /> : null;
}
