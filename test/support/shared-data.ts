import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Real public data and other projects' recordings live in ../shared beside the repository (CI
// clones it there). Tests read it in place and fail loudly when it is absent: a silent skip would
// turn a missing data set into a green run.
export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url));

export function sharedPath(relative: string): string {
  const path = join(SHARED_DIR, relative);
  if (!existsSync(path)) {
    throw new Error(`Test data not found: ${path}. These tests read ../shared/${relative} beside the repository; clone the shared data there.`);
  }
  return path;
}
