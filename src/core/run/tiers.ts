/**
 * Latency tiers: how long a user should wait depends on how much the model
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

/** Tier boundaries in steps: short < shortBelow, medium shortBelow…complexAbove, complex > complexAbove. */
export type TierBounds = { shortBelow: number; complexAbove: number };

/** Short under 5 steps, medium 5–15, complex above 15. */
export const DEFAULT_TIER_BOUNDS: TierBounds = { shortBelow: 5, complexAbove: 15 };

export const TIER_IDS: readonly TierId[] = ['short', 'medium', 'complex'];

/** The one tier rule: every page (live viewer, runs, monitoring, planner) classifies with it. */
export function tierOf(stepCount: number, bounds: TierBounds = DEFAULT_TIER_BOUNDS): TierId {
  if (stepCount < bounds.shortBelow) return 'short';
  if (stepCount <= bounds.complexAbove) return 'medium';
  return 'complex';
}

export type TierDefinition = {
  tier: TierId;
  label: string;
  /** Inclusive step range; maxSteps is null for the open-ended complex tier. */
  minSteps: number;
  maxSteps: number | null;
  targetSeconds: number;
  advice?: string;
};

/** Each tier's label, inclusive step range and target under the given bounds and targets. */
export function tierDefinitions(bounds: TierBounds = DEFAULT_TIER_BOUNDS, targets: TierTargets = DEFAULT_TIER_TARGETS): TierDefinition[] {
  const { shortBelow, complexAbove } = bounds;
  return [
    { tier: 'short', label: `Short (< ${shortBelow} steps)`, minSteps: 0, maxSteps: Math.ceil(shortBelow) - 1, targetSeconds: targets.shortSeconds },
    { tier: 'medium', label: `Medium (${shortBelow}–${complexAbove} steps)`, minSteps: Math.ceil(shortBelow), maxSteps: Math.floor(complexAbove), targetSeconds: targets.mediumSeconds },
    {
      tier: 'complex',
      label: `Complex (> ${complexAbove} steps)`,
      minSteps: Math.floor(complexAbove) + 1,
      maxSteps: null,
      targetSeconds: targets.attentionCeilingSeconds,
      advice: `Plan for more than ${targets.mediumSeconds} s; deliver in chunks with checkpoints.`,
    },
  ];
}

/** A tier's label alone ("Medium (5–15 steps)"). */
export function tierLabel(tier: TierId, bounds: TierBounds = DEFAULT_TIER_BOUNDS): string {
  return tierDefinitions(bounds).find((d) => d.tier === tier)!.label;
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
