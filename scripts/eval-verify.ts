/**
 * npm run eval:verify — measures verifyChain on real labelled chains.
 *
 *  1. Tuning set (synthetic, ours): GSM8K test reference solutions, one step per line. They are
 *     correct → false-alarm set. One calculator result per solution perturbed (text and
 *     annotation) → recall set with a known first-error step. Three renderings: as published
 *     (with <<a*b=c>> annotations), plain (annotations removed) and LaTeX (\times, \frac, \(…\)).
 *  2. Development set: ProcessBench GSM8K and MATH (first-error-step labels by experts). Its
 *     false alarms were inspected and two causes fixed (matrix environments are now opaque, and
 *     "300 minutes / 60" is no longer read as a fraction value; before those fixes 1/193 and
 *     4/406 correct chains were flagged), so its figures are development figures, not held out. "Visible slips" = erroneous items whose label step contains an
 *     `a op b … = v` that exact arithmetic proves wrong (definition: `visibleSlips` below,
 *     deliberately simpler than the checker and independent of it).
 *  3. ProcessBench OlympiadBench and Omni-MATH correct chains: the false-alarm development set
 *     used while writing the LaTeX guards (so they are not held out).
 *
 * Datasets: $DATASETS_DIR, else ../shared/datasets relative to the project root.
 * `--show=<set>` prints the chains behind the numbers of one set (gsm8k-synthetic, dev).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { verifyChain, type Finding } from '../src/core/verify';
import * as R from '../src/core/verify/rational';
import { mulberry32 } from '../src/core/random';

type PbItem = { id: string; generator: string; problem: string; steps: string[]; final_answer_correct: boolean; label: number };

// ---------------------------------------------------------------- visible-slip definition

/** Lightly normalised text for the slip definition: plain numbers and + - * / only. */
function plainArithmetic(step: string): string {
  return step
    .replace(/<<[^<>]*>>/g, '')
    .replace(/\\[()[\]]/g, ' ')
    .replace(/\\[dt]?frac\{(\d+)\}\{(\d+)\}/g, '($1/$2)')
    .replace(/\\text\{[^{}]*\}/g, ' ')
    .replace(/\\times|\\cdot|×|·|⋅|∗|\*/g, '*')
    .replace(/\\div|÷/g, '/')
    .replace(/[−]/g, '-')
    .replace(/\\\$|\$/g, '')
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
    .replace(/(\d)\s*[xX]\s*(?=\d)/g, '$1*');
}

/** Exact value of "a op b op c" (+ - * /, usual precedence, no parentheses). */
function evalFlat(expr: string): R.Rational | null {
  const parts = expr.match(/\d+(?:\.\d+)?|[-+*/]/g);
  if (!parts) return null;
  const terms: R.Rational[] = [];
  let sign = 1n;
  let acc: R.Rational | null = null;
  let pendingOp: string | null = null;
  const flush = () => {
    if (acc) terms.push(sign < 0n ? R.neg(acc) : acc);
  };
  for (const p of parts) {
    if (/\d/.test(p)) {
      const v = R.parseDecimal(p)!;
      if (!acc) acc = v;
      else if (pendingOp === '*') acc = R.mul(acc, v);
      else if (pendingOp === '/') acc = R.div(acc, v);
      if (!acc) return null;
    } else if (p === '+' || p === '-') {
      flush();
      sign = p === '-' ? -1n : 1n;
      acc = null;
    } else pendingOp = p;
  }
  flush();
  let sum: R.Rational | null = R.ZERO;
  for (const t of terms) sum = sum && R.add(sum, t);
  return sum;
}

/** Is `stated` (as written) an honest rounding/truncation of `exact`? */
function honest(exact: R.Rational, statedText: string): boolean {
  const stated = R.parseDecimal(statedText)!;
  if (R.eq(exact, stated)) return true;
  if (R.isInteger(exact)) return false;
  const dec = statedText.includes('.') ? statedText.length - statedText.indexOf('.') - 1 : 0;
  if (dec === 0) return stated.n === R.floor(exact) || stated.n === R.ceil(exact);
  return R.eq(R.roundTo(exact, dec), stated) || R.eq(R.truncTo(exact, dec), stated);
}

const NUM = String.raw`\d+(?:\.\d+)?`;
const SLIP = new RegExp(String.raw`(?<![\w.^_\\|)}!/*+\-]\s*)(${NUM}(?:\s*[-+*/]\s*${NUM})+)\s*=\s*(-?${NUM})(?![\w(^_\\/%.]|\.\d|\s*[-+*/^]\s*\d)`, 'g');

/** The `a op b … = v` in a step that exact arithmetic proves wrong. */
export function visibleSlips(step: string): { expression: string; stated: string; exact: string }[] {
  const out: { expression: string; stated: string; exact: string }[] = [];
  for (const m of plainArithmetic(step).matchAll(SLIP)) {
    const exact = evalFlat(m[1]);
    if (!exact || honest(exact, m[2])) continue;
    out.push({ expression: m[1], stated: m[2], exact: R.formatExact(exact) });
  }
  return out;
}

// ---------------------------------------------------------------- helpers

const flagged = (f: Finding) => f.severity !== 'note';
const firstFlag = (fs: Finding[], kinds?: string[]) => {
  let first = -1;
  for (const f of fs) if (flagged(f) && (!kinds || kinds.includes(f.kind)) && (first < 0 || f.step < first)) first = f.step;
  return first;
};
const pct = (a: number, b: number) => (b === 0 ? '  n/a' : `${((100 * a) / b).toFixed(1).padStart(5)} %`);
const f1 = (a: number, b: number) => (a + b === 0 ? 0 : (2 * a * b) / (a + b));

// ---------------------------------------------------------------- synthetic GSM8K

type Chain = { id: string; steps: string[]; label: number; note?: string };

const ANN = /<<([^<>=]*)=([^<>]*)>>(\$?)(-?[\d,]*\.?\d+)/g;

function toLatex(line: string): string {
  return line
    .replace(/(\d[\d,]*(?:\.\d+)?)\s*\/\s*(\d[\d,]*(?:\.\d+)?)/g, '\\frac{$1}{$2}')
    .replace(/\s*[*x]\s*(?=[\d($\\])/g, ' \\times ')
    .replace(/\$/g, '\\$')
    .replace(/(\S*\d\S*(?:\s*(?:[-+=]|\\times)\s*\S*\d\S*)+)/g, '\\($1\\)');
}

function perturb(value: string, rnd: () => number): string {
  const v = Number(value.replace(/,/g, ''));
  const decimals = value.includes('.') ? value.split('.')[1].length : 0;
  const choices = [v + 1, v - 1, v + 10, v * 10, v + 2, Math.abs(v) >= 10 ? Number(String(Math.abs(v)).replace(/(\d)(\d)/, '$2$1')) * Math.sign(v) : v + 3];
  let out = v;
  for (let tries = 0; tries < 10 && (out === v || out < 0 !== v < 0); tries++) out = choices[Math.floor(rnd() * choices.length)];
  if (out === v) out = v + 1;
  const text = decimals > 0 ? out.toFixed(decimals) : String(out);
  return value.includes(',') ? Number(text).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }) : text;
}

function gsm8kSynthetic(path: string): { clean: Record<string, Chain[]>; slips: Record<string, Chain[]> } {
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  const variants = { annotated: (s: string) => s, plain: (s: string) => s.replace(/<<[^<>]*>>/g, ''), latex: (s: string) => toLatex(s.replace(/<<[^<>]*>>/g, '')) };
  const clean: Record<string, Chain[]> = { annotated: [], plain: [], latex: [] };
  const slips: Record<string, Chain[]> = { annotated: [], plain: [], latex: [] };
  lines.forEach((raw, n) => {
    const { answer } = JSON.parse(raw) as { question: string; answer: string };
    const steps = answer.split('\n').filter((l) => l.trim() && !l.startsWith('####'));
    for (const [name, render] of Object.entries(variants)) clean[name].push({ id: `gsm8k-test-${n}`, steps: steps.map(render), label: -1 });
    // One perturbed calculator result: in the annotation and in the visible text after it.
    const sites: { line: number; index: number }[] = [];
    steps.forEach((l, li) => {
      let m: RegExpExecArray | null;
      ANN.lastIndex = 0;
      let k = 0;
      while ((m = ANN.exec(l))) {
        const ann = Number(m[2].replace(/,/g, ''));
        const vis = Number(m[4].replace(/,/g, ''));
        if (Number.isFinite(ann) && ann === vis) sites.push({ line: li, index: k });
        k++;
      }
    });
    if (sites.length === 0) return;
    const rnd = mulberry32(0x5eed + n);
    const site = sites[Math.floor(rnd() * sites.length)];
    let k = 0;
    let note = '';
    const changed = steps.map((l, li) =>
      li !== site.line
        ? l
        : l.replace(ANN, (all, lhs: string, _rhs: string, dollar: string, vis: string) => {
            if (k++ !== site.index) return all;
            const wrong = perturb(vis, rnd);
            note = `${lhs}: ${vis} → ${wrong}`;
            return `<<${lhs}=${wrong.replace(/,/g, '')}>>${dollar}${wrong}`;
          }),
    );
    for (const [name, render] of Object.entries(variants)) slips[name].push({ id: `gsm8k-test-${n}`, steps: changed.map(render), label: site.line, note });
  });
  return { clean, slips };
}

/** One correct integer `a op b … = v` of a correct chain, its value changed: a synthetic slip. */
const RAW_EQ = /(?<![\w.^_{}\\])(\d+(?:\s*(?:[-+*/×]|\\times|\\cdot)\s*\d+)+)(\s*=\s*)(\d+)(?![\d.\w^_/])/g;
function perturbChain(x: PbItem, rnd: () => number): Chain | null {
  const sites: { step: number; index: number; value: string }[] = [];
  x.steps.forEach((s, step) => {
    for (const m of s.matchAll(RAW_EQ)) {
      const exact = evalFlat(plainArithmetic(m[1]));
      if (exact && R.isInteger(exact) && exact.n.toString() === m[3]) sites.push({ step, index: m.index! + m[1].length + m[2].length, value: m[3] });
    }
  });
  if (sites.length === 0) return null;
  const site = sites[Math.floor(rnd() * sites.length)];
  const wrong = perturb(site.value, rnd);
  const steps = x.steps.slice();
  const s = steps[site.step];
  steps[site.step] = s.slice(0, site.index) + wrong + s.slice(site.index + site.value.length);
  return { id: x.id, steps, label: site.step, note: `${site.value} → ${wrong}` };
}

// ---------------------------------------------------------------- main

function datasetsDir(): string {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const dir = process.env.DATASETS_DIR ? resolve(process.env.DATASETS_DIR) : resolve(root, '..', 'shared', 'datasets');
  const needed = ['processbench/gsm8k.json', 'processbench/math.json', 'gsm8k/test.jsonl'];
  const missing = needed.filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) {
    console.error(`eval:verify: datasets not found in ${dir} (missing ${missing.join(', ')}).`);
    console.error('Set DATASETS_DIR to the folder holding processbench/ and gsm8k/, or clone the repository beside shared/.');
    process.exit(1);
  }
  return dir;
}

function main(): void {
  const t0 = performance.now();
  const dir = datasetsDir();
  const show = process.argv.find((a) => a.startsWith('--show='))?.slice(7);
  const details = (set: string, title: string, chain: Chain | PbItem, fs: Finding[]) => {
    if (show !== set) return;
    console.log(`\n--- ${title} ${chain.id} label=${chain.label}${'note' in chain && chain.note ? ` (${chain.note})` : ''}`);
    chain.steps.forEach((s, i) => console.log(`  [${i}] ${s.replace(/\n/g, ' ⏎ ').slice(0, 400)}`));
    for (const f of fs) console.log(`  => ${f.severity} ${f.kind}: ${f.message}`);
  };

  const load = (name: string) => JSON.parse(readFileSync(join(dir, 'processbench', `${name}.json`), 'utf8')) as PbItem[];

  console.log('Reasoning Viewer — offline step verification, evaluation of verifyChain (default options)\n');

  // 1. synthetic GSM8K
  const { clean, slips } = gsm8kSynthetic(join(dir, 'gsm8k/test.jsonl'));
  console.log('1. GSM8K test reference solutions, one step per line — SYNTHETIC slips (tuning set, made by this script)');
  console.log('   variant     correct chains  false alarms     slip chains  exact first-error step  (slip flagged at all)');
  for (const name of Object.keys(clean)) {
    let fa = 0;
    for (const c of clean[name]) {
      const fs = verifyChain(c.steps);
      if (fs.some(flagged)) {
        fa++;
        details('gsm8k-synthetic', `false alarm (${name})`, c, fs.filter(flagged));
      }
    }
    let hit = 0;
    let any = 0;
    for (const c of slips[name]) {
      const fs = verifyChain(c.steps);
      if (firstFlag(fs) === c.label) hit++;
      else details('gsm8k-synthetic', `miss (${name})`, c, fs);
      if (fs.some((f) => flagged(f) && f.step === c.label)) any++;
    }
    console.log(`   ${name.padEnd(10)}  ${String(clean[name].length).padStart(14)}  ${String(fa).padStart(4)} ${pct(fa, clean[name].length)}  ${String(slips[name].length).padStart(11)}  ${String(hit).padStart(5)} ${pct(hit, slips[name].length)} recall     (${pct(any, slips[name].length)})`);
  }

  // 2. ProcessBench GSM8K and MATH (development set)
  if (!process.argv.includes('--no-processbench')) processBenchDevelopment();
  function processBenchDevelopment() {
  console.log('\n2. ProcessBench GSM8K and MATH — DEVELOPMENT set (false alarms inspected and fixed; not held out)');
  console.log('   "visible slip" = erroneous item whose label step has an `a op b … = v` proven wrong by exact arithmetic');
  for (const name of ['gsm8k', 'math']) {
    const items = load(name);
    const err = items.filter((x) => x.label >= 0);
    const cor = items.filter((x) => x.label < 0);
    let slipN = 0;
    let slipHit = 0;
    let slipHitArith = 0;
    let errHitArith = 0;
    let errHitAll = 0;
    let corCleanArith = 0;
    let corCleanAll = 0;
    const kinds: Record<string, number> = {};
    for (const x of items) {
      const fs = verifyChain(x.steps);
      const first = firstFlag(fs);
      const firstArith = firstFlag(fs, ['arithmetic']);
      if (x.label >= 0) {
        if (firstArith === x.label) errHitArith++;
        if (first === x.label) errHitAll++;
        if (visibleSlips(x.steps[x.label]).length > 0) {
          slipN++;
          if (first === x.label) slipHit++;
          if (firstArith === x.label) slipHitArith++;
        }
      } else {
        if (firstArith < 0) corCleanArith++;
        if (first < 0) corCleanAll++;
        else for (const f of fs.filter(flagged)) kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
      }
    }
    const ea = errHitArith / err.length;
    const ca = corCleanArith / cor.length;
    const eAll = errHitAll / err.length;
    const cAll = corCleanAll / cor.length;
    console.log(`\n   ProcessBench ${name}: ${items.length} chains, ${err.length} with an error, ${cor.length} correct`);
    console.log(`     visible slips:                 ${slipN} items (${pct(slipN, err.length).trim()} of erroneous)`);
    console.log(`     recall, exact first-error step: ${slipHit}/${slipN} = ${pct(slipHit, slipN).trim()} (arithmetic findings only: ${pct(slipHitArith, slipN).trim()})`);
    console.log(`     correct chains flagged (error/warning): ${cor.length - corCleanAll}/${cor.length} = ${pct(cor.length - corCleanAll, cor.length).trim()}${Object.keys(kinds).length ? ` [${Object.entries(kinds).map(([k, v]) => `${k} ${v}`).join(', ')}]` : ''}`);
    console.log(`     first-error-step accuracy, arithmetic check: erroneous ${pct(errHitArith, err.length).trim()}, correct ${pct(corCleanArith, cor.length).trim()}, F1 ${(100 * f1(ea, ca)).toFixed(1)}`);
    console.log(`     first-error-step accuracy, all checks:       erroneous ${pct(errHitAll, err.length).trim()}, correct ${pct(corCleanAll, cor.length).trim()}, F1 ${(100 * f1(eAll, cAll)).toFixed(1)}`);
  }
  console.log('     (most ProcessBench errors are logical, not arithmetic: low erroneous-item accuracy is expected;');
  console.log('      reference F1: GPT-4o critic 79.2 GSM8K / 63.6 MATH, Qwen2.5-Math-PRM-7B 82.4 / 77.6)');
  }

  // 3. development set
  console.log('\n3. ProcessBench OlympiadBench + Omni-MATH correct chains — DEVELOPMENT set for the LaTeX guards (not held out)');
  console.log('   false alarms on the correct chains; recall on the same chains with one correct `a op b = v` perturbed (SYNTHETIC)');
  for (const name of ['olympiadbench', 'omnimath']) {
    const file = join(dir, 'processbench', `${name}.json`);
    if (!existsSync(file)) continue;
    const cor = load(name).filter((x) => x.label < 0);
    let fa = 0;
    for (const x of cor) {
      const fs = verifyChain(x.steps);
      if (fs.some(flagged)) {
        fa++;
        details('dev', `false alarm (${name})`, x, fs.filter(flagged));
      }
    }
    const slipped = cor.map((x, n) => perturbChain(x, mulberry32(0xd5 + n))).filter((c): c is Chain => c !== null);
    let hit = 0;
    for (const c of slipped) {
      const fs = verifyChain(c.steps);
      if (firstFlag(fs) === c.label) hit++;
      else details('dev-slips', `miss (${name})`, c, fs);
    }
    console.log(`   ${name.padEnd(14)} correct chains flagged: ${fa}/${cor.length} = ${pct(fa, cor.length).trim()};  synthetic slips found at the exact step: ${hit}/${slipped.length} = ${pct(hit, slipped.length).trim()}`);
  }

  console.log(`\nTime: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
