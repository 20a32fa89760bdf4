/**
 * Chooses the demo scenario for a prompt, deterministically, so any prompt gets one.
 *
 * 1. A prompt equal to a scenario's example prompt (case and spacing ignored) picks it.
 * 2. Keywords (and scenario ids), matched case-insensitively on word boundaries, with an
 *    optional plural "s"/"es". Behaviour scenarios (slip, loop, stall, disconnect, long chain)
 *    win over size scenarios (short, medium, complex) — "a quick demo of a stall" is a stall.
 *    Within a tier the keyword that appears first in the prompt wins.
 * 3. Otherwise the prompt's shape: empty → 'medium' (the standard demo); long (≥ 45 words or
 *    ≥ 280 characters) → 'complex'; very short (≤ 6 words) → 'short'; contains a number →
 *    'medium'; up to 12 words → 'short'; else 'medium'.
 */
import { SCENARIOS, getScenario, type Scenario, type ScenarioId } from './scenarios';

export { SCENARIOS, getScenario };
export type { Scenario, ScenarioId };

/** What a picker UI needs, in display order. */
export const SCENARIO_CHOICES: readonly { id: ScenarioId; title: string; description: string; prompt: string }[] = SCENARIOS.map(
  ({ id, title, description, prompt }) => ({ id, title, description, prompt }),
);

const BEHAVIOUR: ReadonlySet<ScenarioId> = new Set<ScenarioId>(['arithmetic-slip', 'repetition-loop', 'stall', 'disconnect', 'checkpointed-long']);

export type ScenarioPick = {
  scenario: Scenario;
  /** Why it was chosen: the example prompt, a keyword, or the prompt's shape. */
  reason: 'prompt' | 'keyword' | 'shape';
  /** The keyword that matched, when reason is 'keyword'. */
  keyword?: string;
};

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function keywordPattern(keyword: string): RegExp {
  const body = keyword
    .trim()
    .split(/[\s-]+/)
    .map(escapeRegExp)
    .join('[\\s-]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?:s|es)?(?![\\p{L}\\p{N}])`, 'iu');
}

const MATCHERS: readonly { scenario: Scenario; tier: number; keyword: string; pattern: RegExp }[] = SCENARIOS.flatMap((scenario) =>
  [...new Set([scenario.id, ...scenario.keywords])].map((keyword) => ({
    scenario,
    tier: BEHAVIOUR.has(scenario.id) ? 0 : 1,
    keyword,
    pattern: keywordPattern(keyword),
  })),
);

const normalize = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

export function pickScenarioWithReason(prompt: string): ScenarioPick {
  const text = normalize(prompt);

  const exact = SCENARIOS.find((s) => normalize(s.prompt) === text);
  if (exact && text !== '') return { scenario: exact, reason: 'prompt' };

  let best: { scenario: Scenario; tier: number; index: number; order: number; keyword: string } | undefined;
  MATCHERS.forEach((m, order) => {
    const found = m.pattern.exec(text);
    if (!found) return;
    const candidate = { scenario: m.scenario, tier: m.tier, index: found.index, order, keyword: m.keyword };
    if (
      !best ||
      candidate.tier < best.tier ||
      (candidate.tier === best.tier && (candidate.index < best.index || (candidate.index === best.index && candidate.order < best.order)))
    ) {
      best = candidate;
    }
  });
  if (best) return { scenario: best.scenario, reason: 'keyword', keyword: best.keyword };

  return { scenario: getScenario(shapeDefault(text)), reason: 'shape' };
}

export function pickScenario(prompt: string): Scenario {
  return pickScenarioWithReason(prompt).scenario;
}

function shapeDefault(text: string): ScenarioId {
  if (text === '') return 'medium';
  const words = text.split(' ').length;
  if (words >= 45 || text.length >= 280) return 'complex';
  if (words <= 6) return 'short';
  if (/\p{N}/u.test(text)) return 'medium';
  if (words <= 12) return 'short';
  return 'medium';
}
