import type { PlannerAnalysis } from '../../core/planner';
import { fmtInt, fmtNum, fmtPct } from '../../core/number-format';
import { basisUnit } from './labels';

/** The planner's findings in plain sentences, for the top of the page: where timeouts start, the reasoning cap, the fleet. */
export type PlannerSentences = { breakpoint: string; plan: string | null; fleet: string | null; fleetWhy: string | null };

const rate = (perSecond: number) => `${fmtNum(perSecond, 2)} requests/s`;

/** Largest step count whose estimate (steps × step time + overhead) is within the target. */
export function stepCap(plan: PlannerAnalysis['plan']): number {
  return plan.stepTimeSeconds > 0 ? Math.max(0, Math.floor((plan.targetP95Seconds - plan.overheadSeconds) / plan.stepTimeSeconds + 1e-9)) : NaN;
}

export function plannerSentences(a: PlannerAnalysis): PlannerSentences {
  const b = a.breakpoint;
  const unit = basisUnit(a.basis);
  const target = fmtNum(a.plan.targetP95Seconds, 1);
  let breakpoint: string;
  if (b && b.status === 'found' && b.breakpoint !== null) {
    const interval = b.interval ? ` (95 % interval ${fmtNum(b.interval[0], 0)}–${fmtNum(b.interval[1], 0)})` : '';
    breakpoint = `Timeouts start at about ${fmtNum(b.breakpoint, 0)} ${unit}${interval}.`;
  } else if (a.analysed === 0) breakpoint = 'No reasoning lengths in these logs, so there is no length at which timeouts start to say.';
  else breakpoint = `No length at which timeouts start could be found${b && b.timeouts === 0 ? ': none of these requests timed out' : ' in these requests'}.`;

  const p = a.plan;
  let plan: string | null = null;
  if (p.source === 'measured') plan = `${fmtPct(p.share)} of requests finished within ${target} s.`;
  else if (p.requests > 0) {
    const cap = stepCap(p);
    const model = `${fmtNum(p.stepTimeSeconds, 2)} s per step + ${fmtNum(p.overheadSeconds, 1)} s${p.source === 'fitted' ? ', fitted from the data' : ''}`;
    plan = `95 % of requests under ${target} s needs reasoning capped at ${fmtInt(cap)} steps (estimating ${model}); ${fmtPct(p.share)} of these requests are that short today.`;
  }

  const f = a.fleet;
  let fleet: string | null = null;
  let fleetWhy: string | null = null;
  const instances = f.plan?.erlang.instances ?? null;
  if (f.plan && instances !== null) fleet = `You need ${fmtInt(instances)} instance${instances === 1 ? '' : 's'} at peak (${rate(f.arrivalRate)}) for p95 under ${target} s.`;
  else if (f.plan) {
    const capped = f.blocker?.capped;
    const cappedN = capped?.plan.erlang.instances ?? null;
    fleet =
      capped && cappedN !== null
        ? `You need ${fmtInt(cappedN)} instance${cappedN === 1 ? '' : 's'} at peak (${rate(f.arrivalRate)}) for p95 under ${target} s once reasoning is capped at ${fmtInt(capped.capSteps)} steps (the cap the measured latencies allow); uncapped, no fleet size gets there.`
        : `No fleet size gets p95 under ${target} s at peak (${rate(f.arrivalRate)}).`;
    fleetWhy = f.blocker?.why ?? f.plan.erlang.reason ?? null;
  } else if (f.reason) fleet = f.reason;
  return { breakpoint, plan, fleet, fleetWhy };
}
