import { getScenario, type ScenarioId } from '../../core/demo/pick-scenario';
import type { TierVerdict } from '../../core/run/tiers';
import { demoLabelFor } from '../../lib/demo-fetch';
import { selectContext, useLiveRun } from './run-store';

/** The demo scenario's caption when it is meant to miss the target (a stall, a very long chain). */
function useExpectedMiss(): string | undefined {
  const context = useLiveRun(selectContext);
  if (context?.provider !== 'demo' || context.cache) return undefined;
  const label = demoLabelFor(context.prompt, context.model);
  return label?.scenario ? getScenario(label.scenario as ScenarioId).expectedMiss : undefined;
}

/**
 * The latency-target banner: a warning when a run misses its tier's target, the scenario's own
 * caption when a demo is meant to miss it. `pausedMs` (paused by the policy) was left out.
 */
export function TierMissNote({ tier, live, pausedMs }: { tier: TierVerdict; live: boolean; pausedMs: number }) {
  const expected = useExpectedMiss();
  if (!tier.missed) return null;
  const paused = pausedMs >= 1000 ? ` (not counting ${(pausedMs / 1000).toFixed(1)} s paused)` : '';
  if (expected) {
    return (
      <p className="flag flag-info" data-testid="tier-miss-expected">
        As intended: {expected} {tier.tier} chains should finish within {tier.targetSeconds} s; this one {live ? 'has taken' : 'took'} {tier.actualSeconds.toFixed(1)} s{paused}.
      </p>
    );
  }
  return (
    <p className="flag flag-warn" data-testid="tier-miss">
      Latency target missed: {tier.tier} chains should finish within {tier.targetSeconds} s; this one {live ? 'has taken' : 'took'} {tier.actualSeconds.toFixed(1)} s{paused}.
      {tier.advice ? ` ${tier.advice}` : ''}
    </p>
  );
}
