/**
 * Latency tiers from the seed: how long a user should wait depends on how much the model
 * has to think. Targets and the attention ceiling are user settings.
 */
export type TierId = 'short' | 'medium' | 'complex';

export type TierTargets = {
  /** Target for short chains (< 5 steps), seconds. */
  shortSeconds: number;
  /** Target for medium chains (5–15 steps), seconds. */
  mediumSeconds: number;
  /** Beyond this a reader stops paying attention; complex chains are judged against it. */
  attentionCeilingSeconds: number;
};

export const DEFAULT_TIER_TARGETS: TierTargets = {
  shortSeconds: 5,
  mediumSeconds: 15,
  attentionCeilingSeconds: 30,
};

export type TierVerdict = {
  tier: TierId;
  targetSeconds: number;
  actualSeconds: number;
  missed: boolean;
  /** Complex chains: plan for more than the medium target and offer chunked delivery. */
  advice?: string;
};

export function tierOf(stepCount: number): TierId {
  if (stepCount < 5) return 'short';
  if (stepCount <= 15) return 'medium';
  return 'complex';
}

export function judgeTier(stepCount: number, actualSeconds: number, targets: TierTargets = DEFAULT_TIER_TARGETS): TierVerdict {
  const tier = tierOf(stepCount);
  const targetSeconds =
    tier === 'short' ? targets.shortSeconds : tier === 'medium' ? targets.mediumSeconds : targets.attentionCeilingSeconds;
  const verdict: TierVerdict = { tier, targetSeconds, actualSeconds, missed: actualSeconds > targetSeconds };
  if (tier === 'complex') {
    verdict.advice = `Complex chain: plan for more than ${targets.mediumSeconds} s; chunked delivery with checkpoints keeps readers within the ${targets.attentionCeilingSeconds} s attention ceiling.`;
  }
  return verdict;
}
