/**
 * npx tsx scripts/make-batch-sample.ts — writes the 100-query batch sample and the demo model's
 * chains for it, from the public datasets in ../shared/datasets (path from the repository root).
 *
 * - public/samples/batch-100.jsonl: one `{"prompt", "answer"}` per line (answer = the reference
 *   answer; left out when the dataset does not give one).
 * - src/core/demo/sample-chains.json: per query, the chain the demo model answers it with
 *   (that query's own solution steps from the dataset), the demo's final answer text and where
 *   it came from.
 *
 * Composition (seeded, so re-running gives identical files):
 * - 25 short GSM8K test problems answered with their reference solution (2–4 lines, one step
 *   per line, calculator annotations kept), reference = the `#### n` value;
 * - 10 short and 35 medium GSM8K problems answered with a ProcessBench model solution (< 5 and
 *   5–15 steps), reference = the GSM8K `#### n` of the same problem (so wrong solutions score as
 *   wrong);
 * - 30 complex ProcessBench MATH / OlympiadBench / Omni-MATH solutions (> 15 steps, 16 of them
 *   > 23 steps); reference = the solution's own `\boxed{}` answer when ProcessBench labels the
 *   final answer correct, none otherwise (those runs are "not scored": no gold answer is shipped).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '../src/core/capacity';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = join(root, '..', 'shared', 'datasets');

type Gsm = { question: string; answer: string };
type Pb = { id: string; generator: string; problem: string; steps: string[]; final_answer_correct: boolean; label: number };
export type SampleChain = { prompt: string; steps: string[]; answer: string; reference?: string; source: string };

const read = (p: string) => {
  try {
    return readFileSync(join(data, p), 'utf8');
  } catch {
    throw new Error(`Missing ${join(data, p)}: this script reads the public datasets in ../shared/datasets.`);
  }
};

const gsm: Gsm[] = read('gsm8k/test.jsonl')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Gsm);
const pb = (name: string): Pb[] => JSON.parse(read(`processbench/${name}.json`)) as Pb[];

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const gsmGold = new Map(gsm.map((g, i) => [norm(g.question), { gold: /####\s*(.+)\s*$/.exec(g.answer)?.[1].trim() ?? '', index: i }]));

/** The last `\boxed{…}` in a text, braces balanced. */
function lastBoxed(text: string): string | null {
  const at = text.lastIndexOf('\\boxed{');
  if (at < 0) return null;
  let depth = 0;
  for (let i = at + 6; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(at + 7, i).trim();
  }
  return null;
}

const rng = createRng(20261207);
function shuffle<T>(items: readonly T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

// A step never holds a blank line (the paragraph segmenter would split it): checked, not assumed.
const cleanStep = (s: string) => s.trim().replace(/\n\s*\n/g, '\n');

const chains: SampleChain[] = [];
const used = new Set<string>();
const add = (c: SampleChain) => {
  const key = norm(c.prompt);
  if (used.has(key)) return false;
  used.add(key);
  chains.push(c);
  return true;
};

// 25 short GSM8K reference solutions.
const gsmShort = gsm.map((g, i) => ({ g, i, lines: g.answer.split('\n').filter((l) => !l.startsWith('####') && l.trim()) })).filter((x) => x.lines.length >= 2 && x.lines.length <= 4);
for (const { g, i, lines } of shuffle(gsmShort)) {
  if (chains.length >= 25) break;
  const gold = gsmGold.get(norm(g.question))?.gold ?? '';
  add({ prompt: g.question.trim(), steps: lines.map(cleanStep), answer: `#### ${gold}`, reference: gold, source: `gsm8k/test.jsonl line ${i + 1} (reference solution)` });
}

// ProcessBench GSM8K solutions with the GSM8K gold answer: 10 short, 35 medium; about 80 % correct.
const pbGsm = pb('gsm8k').filter((x) => gsmGold.has(norm(x.problem)) && x.steps.every((s) => s.trim()));
function addPb(pool: Pb[], k: number, correctShare: number, file: string, reference: (x: Pb) => string | undefined) {
  const right = shuffle(pool.filter((x) => x.final_answer_correct));
  const wrong = shuffle(pool.filter((x) => !x.final_answer_correct));
  const nRight = Math.round(k * correctShare);
  let r = 0;
  let w = 0;
  let added = 0;
  while (added < k) {
    const want = added < nRight ? right[r++] : wrong[w++];
    if (!want) throw new Error(`Not enough ProcessBench solutions in ${file}.`);
    const steps = want.steps.map(cleanStep);
    const last = steps[steps.length - 1];
    const boxed = lastBoxed(steps.join('\n'));
    const answer = boxed !== null ? `The answer is $\\boxed{${boxed}}$.` : last;
    if (add({ prompt: want.problem.trim(), steps, answer, reference: reference(want), source: `processbench/${file}.json id ${want.id} (${want.generator}; final answer ${want.final_answer_correct ? 'correct' : 'wrong'})` })) added++;
  }
}
const gold = (x: Pb) => gsmGold.get(norm(x.problem))?.gold;
addPb(pbGsm.filter((x) => x.steps.length < 5), 10, 0.7, 'gsm8k', gold);
addPb(pbGsm.filter((x) => x.steps.length >= 5 && x.steps.length <= 15), 35, 0.8, 'gsm8k', gold);

// 30 complex chains: 16 over 23 steps (what a 30 s ceiling at 1.2 s a step cuts), 14 of 16–23.
const hard = ['math', 'olympiadbench', 'omnimath'].flatMap((f) => pb(f).map((x) => ({ x, f })));
const selfReference = (x: Pb) => (x.final_answer_correct ? (lastBoxed(x.steps.join('\n')) ?? undefined) : undefined);
for (const [lo, hi, k, share] of [
  [24, Infinity, 16, 0.4],
  [16, 23, 14, 0.8],
] as const) {
  const pool = hard.filter(({ x }) => x.steps.length >= lo && x.steps.length <= hi && lastBoxed(x.steps.join('\n')) !== null);
  const right = shuffle(pool.filter(({ x }) => x.final_answer_correct));
  const wrong = shuffle(pool.filter(({ x }) => !x.final_answer_correct));
  const nRight = Math.min(right.length, Math.round(k * share));
  const picked = [...right.slice(0, nRight), ...wrong.slice(0, k - nRight)];
  if (picked.length < k) throw new Error(`Not enough complex ProcessBench solutions of ${lo}–${hi} steps.`);
  for (const { x, f } of picked) {
    const steps = x.steps.map(cleanStep);
    add({ prompt: x.problem.trim(), steps, answer: `The answer is $\\boxed{${lastBoxed(steps.join('\n'))}}$.`, reference: selfReference(x), source: `processbench/${f}.json id ${x.id} (${x.generator}; final answer ${x.final_answer_correct ? 'correct' : 'wrong'})` });
  }
}

if (chains.length !== 100) throw new Error(`Expected 100 queries, made ${chains.length}.`);
// Interleave tiers so a partial batch already spans them.
const order = shuffle(chains.map((_, i) => i));
const sample = order.map((i) => chains[i]);

mkdirSync(join(root, 'public', 'samples'), { recursive: true });
writeFileSync(
  join(root, 'public', 'samples', 'batch-100.jsonl'),
  sample.map((c) => JSON.stringify(c.reference !== undefined ? { prompt: c.prompt, answer: c.reference } : { prompt: c.prompt })).join('\n') + '\n',
);
writeFileSync(join(root, 'src', 'core', 'demo', 'sample-chains.json'), JSON.stringify(sample.map(({ prompt, steps, answer, source }) => ({ prompt, steps, answer, source }))) + '\n');
const tiers = { short: 0, medium: 0, complex: 0 };
for (const c of sample) tiers[c.steps.length < 5 ? 'short' : c.steps.length <= 15 ? 'medium' : 'complex']++;
console.log(`batch-100.jsonl: ${sample.length} queries (${tiers.short} short, ${tiers.medium} medium, ${tiers.complex} complex), ${sample.filter((c) => c.reference !== undefined).length} with a reference answer.`);
