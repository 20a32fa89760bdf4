import { expect, test, type Page } from '@playwright/test';
import { CONFORMANCE_LOGS, loadExpected, serviceClose, type RejectExpectation, type RowsExpectation } from '../support/conformance-logs';
import { PlannerPage } from './support/planner-page';

/**
 * Each real log in ../shared/conformance/logs uploaded to the built planner in Chromium, checked
 * against expected.json as what the page shows: the Format line, rows, outcome counts, the
 * distribution's n, "mean service X s", "held N requests", or the refusal's wording.
 */
const DIR = CONFORMANCE_LOGS;
type Rows = RowsExpectation;
type Reject = RejectExpectation;

const int = (s: string) => Number(s.replace(/,/g, ''));

type Seen = { refusal: string } | { formatLine: string; outcomes: string; fleetText: string; distribution: { title: string; n: number } | null };

/** What the page shows for one file, read once it has settled. */
async function readPage(page: Page, planner: PlannerPage, name: string): Promise<Seen> {
  const report = planner.fileReport(name);
  const format = report.locator('p', { has: page.locator('strong', { hasText: /^Format:$/ }) });
  const alert = report.locator('.flag-error');
  await expect(format.or(alert).first()).toBeVisible({ timeout: 30_000 });
  if ((await alert.count()) > 0) return { refusal: (await alert.innerText()).replace(/\s+/g, ' ') };
  const formatLine = (await format.innerText()).replace(/\s+/g, ' ').trim();
  const outcomes = await report.getByLabel(`Outcomes in ${name}`).innerText();
  const fleet = page.getByRole('region', { name: 'Fleet size' });
  await expect(fleet).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.analysis-status')).toHaveText(/Analysed in/, { timeout: 30_000 });
  const fleetText = (await fleet.innerText()).replace(/\s+/g, ' ');
  const stats = page.getByLabel(/^(Step|Reasoning-token|Output-token) distribution statistics$/);
  let distribution: { title: string; n: number } | null = null;
  if ((await stats.count()) > 0) {
    const label = (await stats.getAttribute('aria-label')) ?? '';
    const n = await stats.locator('.metric', { hasText: /^n/ }).locator('dd').innerText();
    distribution = { title: label.replace(/ statistics$/, ''), n: int(n) };
  }
  return { formatLine, outcomes, fleetText, distribution };
}


function problems(e: Rows | Reject, seen: Seen): string[] {
  const out: string[] = [];
  if (e.expect === 'reject') {
    if (!('refusal' in seen)) return [`expected a refusal, the page shows ${seen.formatLine}`];
    for (const re of e.reject.message) if (!new RegExp(re, 'i').test(seen.refusal)) out.push(`refusal "${seen.refusal}" does not match /${re}/i`);
    return out;
  }
  if ('refusal' in seen) return [`expected rows, the page refuses: ${seen.refusal}`];
  if (!new RegExp(`^Format:.*${e.format}`, 'i').test(seen.formatLine)) out.push(`"${seen.formatLine}" does not match /${e.format}/i`);
  const rows = /· ([\d,]+) rows?$/.exec(seen.formatLine);
  const n = rows ? int(rows[1]) : NaN;
  if (typeof e.rows === 'number' ? n !== e.rows : !(n >= e.rows.min)) out.push(`"${seen.formatLine}": rows ${n}, expected ${JSON.stringify(e.rows)}`);
  for (const [k, v] of Object.entries(e.outcomes ?? {})) {
    const m = new RegExp(`([\\d,]+) ${k}`).exec(seen.outcomes);
    if (!m || int(m[1]) !== v) out.push(`outcomes "${seen.outcomes}": expected ${v} ${k}`);
  }
  if (e.distribution) {
    if (!seen.distribution || seen.distribution.title === 'Output-token distribution') out.push(`expected a step or reasoning-token distribution, got ${JSON.stringify(seen.distribution)}`);
    else if (seen.distribution.n < (e.distributionMin ?? 1)) out.push(`${seen.distribution.title} n = ${seen.distribution.n}, expected ≥ ${e.distributionMin}`);
  }
  const service = /mean service ([\d.,]+) s/.exec(seen.fleetText);
  if (e.serviceMeanS === null) {
    if (service) out.push(`expected no service time, the Fleet panel says "${service[0]}"`);
  } else if (e.serviceMeanS !== undefined) {
    if (!service) out.push(`expected "mean service ${e.serviceMeanS} s" in "${seen.fleetText}"`);
    else if (!serviceClose(int(service[1]), e.serviceMeanS)) out.push(`"${service[0]}", expected ${e.serviceMeanS} s`);
  }
  if (e.peak60s !== undefined) {
    const held = /held ([\d,]+) requests/.exec(seen.fleetText);
    if (!held || int(held[1]) !== e.peak60s) out.push(`expected "held ${e.peak60s} requests" in "${seen.fleetText}"`);
  }
  return out;
}

const expected = loadExpected();

test.describe('conformance logs in the planner', () => {
  for (const [name, e] of Object.entries(expected)) {
    test(name, async ({ page }) => {
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      const planner = new PlannerPage(page);
      await planner.open();
      await planner.upload.setInputFiles(`${DIR}${name}`);
      const seen = await readPage(page, planner, name);
      if ('anyOf' in e) {
        const all = e.anyOf.map((alt) => problems(alt, seen));
        expect(all.some((p) => p.length === 0), all.map((p) => p.join('; ')).join(' | OR | ')).toBe(true);
      } else expect(problems(e, seen)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
});
