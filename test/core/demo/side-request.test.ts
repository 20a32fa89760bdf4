import { describe, expect, it } from 'vitest';
import { correctionSideRequest, DEMO_SIDE_REQUEST_FIELD, readSideRequest, withSideRequest } from '../../../src/core/demo/side-request';
import type { Finding } from '../../../src/core/verify';

describe('demo side requests', () => {
  it('a correction carries the step, the issue and, for arithmetic, what was written and what is right', () => {
    const slip: Finding = { step: 1, kind: 'arithmetic', severity: 'error', message: 'step 2: 17 × 24 = 418, exact 408', evidence: { expression: '17 × 24', stated: '418', exact: '408', relation: '=', source: 'text' } };
    expect(correctionSideRequest(slip)).toEqual({ purpose: 'correction', step: 1, issue: '17 × 24 = 418, exact 408', arithmetic: { expression: '17 × 24', stated: '418', exact: '408' } });
    const loop: Finding = { step: 6, kind: 'loop', severity: 'warning', message: 'step 7: loop, 3 repeated steps', evidence: { fromStep: 3, toStep: 6, repeats: 3 } };
    expect(correctionSideRequest(loop)).toEqual({ purpose: 'correction', step: 6, issue: 'loop, 3 repeated steps' });
  });

  it('rides in the JSON body beside the request’s own fields and reads back', () => {
    const request = { url: 'demo://local/v1/chat/completions', method: 'POST' as const, headers: {}, body: JSON.stringify({ model: 'm', stream: true }) };
    const sent = withSideRequest(request, { purpose: 'summary', steps: ['a', 'b'] });
    const body = JSON.parse(sent.body!);
    expect(body).toMatchObject({ model: 'm', stream: true });
    expect(readSideRequest(body)).toEqual({ purpose: 'summary', steps: ['a', 'b'] });
    expect(request.body).not.toContain(DEMO_SIDE_REQUEST_FIELD);
  });

  it('ignores a missing or malformed side request', () => {
    expect(readSideRequest({})).toBeUndefined();
    expect(readSideRequest(null)).toBeUndefined();
    expect(readSideRequest({ [DEMO_SIDE_REQUEST_FIELD]: { purpose: 'summary', steps: [1] } })).toBeUndefined();
    expect(readSideRequest({ [DEMO_SIDE_REQUEST_FIELD]: { purpose: 'correction', step: 'two', issue: 'x' } })).toBeUndefined();
    expect(readSideRequest({ [DEMO_SIDE_REQUEST_FIELD]: { purpose: 'other' } })).toBeUndefined();
  });
});
