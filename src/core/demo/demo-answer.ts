/**
 * What the demo model plays for a prompt, and how a run says so. The demo has no model behind
 * it: a query it has a chain for (the batch sample, the prompt box's example) is answered with
 * that chain; any other prompt gets a scripted scenario, and the label then carries the
 * scenario's own question, so its answer is never presented as the answer to the prompt.
 */
import { pickScenarioWithReason } from './pick-scenario';
import { findSampleChain, normalizePrompt, sampleScenario, type DemoRequest, type SampleChain } from './sample-chain';
import { EXAMPLE_CHAINS } from './example-chains';
import { SCENARIOS, type Scenario } from './scenarios';

export const DEMO_MODEL = 'demo-reasoner';

export type DemoPlay =
  /** The prompt's own chain. */
  | { source: 'chain'; chain: SampleChain; scenario: Scenario }
  /** A scripted scenario: chosen by the model name (`demo-reasoner:<id>`), its example prompt, a keyword or the prompt's shape. */
  | { source: 'scenario'; scenario: Scenario; reason: 'model' | 'prompt' | 'keyword' | 'shape'; ownQuestion: boolean };

/** How a stored run and the viewer name what the demo played (plain data, stored with the run). */
export type DemoLabel = {
  source: 'chain' | 'scenario';
  /** The scenario id (a ScenarioId), for scenario replays; a string, as stored with runs. */
  scenario?: string;
  title: string;
  /** The question the played chain answers. */
  question: string;
  /** Whether that question is the prompt (case and spacing ignored). */
  ownQuestion: boolean;
};

/** The scenario a model name forces (`demo-reasoner:stall`), if any. */
export function forcedScenario(model: string | undefined): Scenario | undefined {
  if (!model?.startsWith(`${DEMO_MODEL}:`)) return undefined;
  return SCENARIOS.find((s) => `${DEMO_MODEL}:${s.id}` === model);
}

/** The chain for a prompt among the batch sample's and the app's example chains. */
export function findKnownChain(chains: readonly SampleChain[], prompt: string): SampleChain | undefined {
  return findSampleChain(chains, prompt) ?? findSampleChain(EXAMPLE_CHAINS, prompt);
}

export function planDemoAnswer(prompt: string, options: { chains: readonly SampleChain[]; model?: string; request?: DemoRequest }): DemoPlay {
  const own = (scenario: Scenario) => normalizePrompt(scenario.prompt) === normalizePrompt(prompt) && prompt.trim() !== '';
  const forced = forcedScenario(options.model);
  if (forced) return { source: 'scenario', scenario: forced, reason: 'model', ownQuestion: own(forced) };
  const chain = prompt.trim() ? findKnownChain(options.chains, prompt) : undefined;
  if (chain) return { source: 'chain', chain, scenario: sampleScenario(chain, options.request) };
  const pick = pickScenarioWithReason(prompt);
  return { source: 'scenario', scenario: pick.scenario, reason: pick.reason, ownQuestion: pick.reason === 'prompt' };
}

export function demoLabel(play: DemoPlay): DemoLabel {
  if (play.source === 'chain') return { source: 'chain', title: 'Own chain', question: play.chain.prompt, ownQuestion: true };
  return { source: 'scenario', scenario: play.scenario.id, title: play.scenario.title, question: play.scenario.prompt, ownQuestion: play.ownQuestion };
}

/** The run's caption: which scenario plays, and that the demo replays scripts. */
export function demoCaption(label: DemoLabel): string {
  const what = label.source === 'chain' ? 'this question’s own worked chain' : `${label.title.toLowerCase()}`;
  return `Demo scenario: ${what} — the demo model replays scripted chains; connect a model to ask your own question.`;
}

/** The question a replayed scenario answers, shortened for a one-line label. */
export function shortQuestion(question: string, max = 90): string {
  const q = question.replace(/\s+/g, ' ').trim();
  return q.length <= max ? q : `${q.slice(0, max - 1).trimEnd()}…`;
}
