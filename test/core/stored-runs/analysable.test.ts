import { describe, expect, it } from 'vitest';
import { analysableRuns, isAnalysableRun } from '../../../src/core/stored-runs';
import { makeRun } from './make-run';

const replay = { hit: true as const, similarity: 0.97, sourceRunId: 'run-0' };

describe('which runs are analysable', () => {
  const runs = [
    makeRun({ id: 'done' }),
    makeRun({ id: 'timed-out', status: 'error', timedOut: true }),
    makeRun({ id: 'replay', cache: replay }),
    makeRun({ id: 'stopped', status: 'stopped', stopped: true }),
    makeRun({ id: 'interrupted', status: 'interrupted' }),
    makeRun({ id: 'running', status: 'running' }),
  ];

  it('keeps runs with an outcome that the model generated', () => {
    expect(runs.filter(isAnalysableRun).map((r) => r.id)).toEqual(['done', 'timed-out']);
    expect(analysableRuns(runs)).toMatchObject({ cacheReplays: 1, withoutOutcome: 3 });
  });
});
