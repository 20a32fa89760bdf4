import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared/datasets beside the repository, found from this file's location (not the working directory). */
export const DATASETS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/datasets');

/** Reads a dataset file, or fails the test with where it looked: these tests never skip silently. */
export function readDataset(relative: string): string {
  const path = resolve(DATASETS, relative);
  if (!existsSync(path)) throw new Error(`Missing dataset ${path}: these tests read the public datasets in ../shared/datasets (see its README).`);
  return readFileSync(path, 'utf8');
}

export type GsmProblem = { question: string; answer: string };
export type PbSolution = { id: string; generator: string; problem: string; steps: string[]; final_answer_correct: boolean; label: number };

export const gsm8kTest = (): GsmProblem[] =>
  readDataset('gsm8k/test.jsonl')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as GsmProblem);

export const processBench = (subset: 'gsm8k' | 'math' | 'olympiadbench' | 'omnimath'): PbSolution[] => JSON.parse(readDataset(`processbench/${subset}.json`)) as PbSolution[];

/** The 100-query batch sample as shipped, line by line. */
export function batchSample(): { prompt: string; answer?: string }[] {
  const path = resolve(dirname(fileURLToPath(import.meta.url)), '../../public/samples/batch-100.jsonl');
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { prompt: string; answer?: string });
}
