import type { HttpRequest } from '../providers/types';
import type { Finding } from '../verify/types';

/**
 * Why the app sends a side request, in a form the built-in demo model reads instead of the
 * prompt's words (so rewording a prompt cannot change what the demo answers). It travels in the
 * request body under `DEMO_SIDE_REQUEST_FIELD`, and only on requests to the demo model: real
 * providers never receive it.
 */
export type SideRequest =
  | {
      purpose: 'correction';
      /** 0-based index of the flagged step. */
      step: number;
      /** The finding's text without its "step N:" label, e.g. "17 × 24 = 418, exact 408". */
      issue: string;
      /** For an arithmetic slip: what was written and what is right. */
      arithmetic?: { expression: string; stated: string; exact: string };
    }
  | { purpose: 'summary'; steps: string[] }
  | { purpose: 'judge'; steps: string[] };

export const DEMO_SIDE_REQUEST_FIELD = 'demo_side_request';

/** The correction side request for a flagged step. */
export function correctionSideRequest(finding: Finding): SideRequest {
  const issue = finding.message.replace(/^step \d+:\s*/i, '');
  if (finding.kind === 'arithmetic') {
    const { expression, stated, exact } = finding.evidence;
    return { purpose: 'correction', step: finding.step, issue, arithmetic: { expression, stated, exact } };
  }
  return { purpose: 'correction', step: finding.step, issue };
}

/** The request with the side request added to its JSON body. */
export function withSideRequest(request: HttpRequest, side: SideRequest): HttpRequest {
  const body = JSON.parse(request.body ?? '{}') as Record<string, unknown>;
  return { ...request, body: JSON.stringify({ ...body, [DEMO_SIDE_REQUEST_FIELD]: side }) };
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The side request in a parsed request body, if it carries a well-formed one. */
export function readSideRequest(body: unknown): SideRequest | undefined {
  const side = (body as Record<string, unknown> | null)?.[DEMO_SIDE_REQUEST_FIELD] as Record<string, unknown> | undefined;
  if (!side || typeof side !== 'object') return undefined;
  if ((side.purpose === 'summary' || side.purpose === 'judge') && isStrings(side.steps)) return { purpose: side.purpose, steps: side.steps };
  if (side.purpose === 'correction' && Number.isInteger(side.step) && typeof side.issue === 'string') {
    const a = side.arithmetic as Record<string, unknown> | undefined;
    const arithmetic = a && typeof a.expression === 'string' && typeof a.stated === 'string' && typeof a.exact === 'string' ? { expression: a.expression, stated: a.stated, exact: a.exact } : undefined;
    return { purpose: 'correction', step: side.step as number, issue: side.issue, ...(arithmetic ? { arithmetic } : {}) };
  }
  return undefined;
}
