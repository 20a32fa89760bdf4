import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// `npm test` must not rewrite tracked files, so screenshots land in the ignored test-results/
// folder unless `npm run screenshots` asks for the README's copies in docs/screenshots.
const DIR = fileURLToPath(
  new URL(process.env.UPDATE_SCREENSHOTS === '1' ? '../../../docs/screenshots/' : '../../../test-results/screenshots/', import.meta.url),
);

export function screenshotPath(name: string): string {
  mkdirSync(DIR, { recursive: true });
  return `${DIR}${name}`;
}
