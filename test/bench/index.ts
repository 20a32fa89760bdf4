/**
 * `npm run bench`: every speed figure the issues ask for, measured on this machine.
 *   1. streaming 1 MB of reasoning into the live viewer (and verification timing while it streams)
 *   2. verification per interval on a 10,000-step chain (the worker's code, in Node)
 *   3. similarity-cache lookup over 100,000 prompts
 *   4. first load: initial JavaScript (gzipped) and time to interactive
 *   5. the capacity planner on a 1,000,000-row log
 * Figures go to stdout and bench-results/summary.json. Set BENCH_ONLY=stream,verify,… to pick.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { runCacheBench } from './cache-bench';
import { runFirstLoadBench } from './first-load';
import { runStreamBench } from './run-bench';
import { runVerifyIntervalBench } from './verify-bench';

const only = process.env.BENCH_ONLY?.split(',');
const want = (name: string) => !only || only.includes(name);

async function main() {
  const summary: Record<string, unknown> = { date: new Date().toISOString() };
  if (want('stream')) summary.stream = await runStreamBench();
  if (want('verify')) summary.verify = runVerifyIntervalBench();
  if (want('cache')) {
    console.log('\nSimilarity cache, 100,000 cached prompts (Node, same code as the app):');
    summary.cache = runCacheBench();
  }
  if (want('first-load')) summary.firstLoad = await runFirstLoadBench();
  if (want('planner')) {
    try {
      const { runPlannerBench } = await import('./planner-bench');
      summary.planner = await runPlannerBench();
    } catch (error) {
      console.log(`\nPlanner bench unavailable: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/summary.json', JSON.stringify(summary, null, 2));
  console.log('\nAll figures: bench-results/summary.json');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
