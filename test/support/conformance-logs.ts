/**
 * The real tool outputs in ../shared/conformance/logs and their expected.json, shared by the Node
 * conformance test and the Chromium spec. Read in place (never copied into this repository); a
 * missing folder fails with where it is expected.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CONFORMANCE_LOGS = fileURLToPath(new URL('../../../shared/conformance/logs/', import.meta.url));

export type RowsExpectation = {
  expect: 'rows';
  format: string;
  rows: number | { min: number };
  outcomes?: Partial<Record<'ok' | 'failed' | 'censored', number>>;
  distribution: boolean;
  distributionMin?: number;
  serviceMeanS?: number | null;
  peak60s?: number;
};
export type RejectExpectation = { expect: 'reject'; reject: { message: string[] } };
export type Expectation = RowsExpectation | RejectExpectation | { anyOf: (RowsExpectation | RejectExpectation)[] };

export function loadExpected(): Record<string, Expectation> {
  const file = `${CONFORMANCE_LOGS}expected.json`;
  if (!existsSync(file))
    throw new Error(`The conformance logs are expected in ../shared/conformance/logs (relative to the repository root; looked for ${file}). They are data from other projects and are not copied into this repository.`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { files: Record<string, Expectation> }).files;
}

/** The tolerance expected.json gives for the mean service time. */
export const serviceClose = (got: number, want: number) => Math.abs(got - want) <= Math.max(0.08 * want, 0.06);
