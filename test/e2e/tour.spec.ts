import { expect, test } from '@playwright/test';

test.describe('guided demo', () => {
  test.setTimeout(240_000);

  test('runs end to end: short, medium, complex, the slip caught inline, checkpoints, async callback, planner breakpoint', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto('/');
    await page.getByRole('button', { name: 'Guided demo' }).click();
    const bar = page.getByRole('region', { name: 'Guided demo' });
    const stage = (n: number) => bar.getByText(new RegExp(`^${n} / 7`));
    await expect(stage(1)).toBeVisible();
    await expect(bar).toContainText('short question');
    await expect(page.locator('html')).toHaveClass(/presentation/);
    await expect(page.getByRole('button', { name: 'Presentation mode' })).toHaveAttribute('aria-pressed', 'true');
    // A finished stage stays long enough to talk over, counting down to the next.
    const progress = bar.getByTestId('tour-progress');
    await expect(progress).toHaveText(/^next stage in \d+ s$/, { timeout: 30_000 });
    expect(Number((await progress.textContent())!.match(/\d+/)![0])).toBeGreaterThanOrEqual(6);
    await expect(stage(2)).toBeVisible({ timeout: 40_000 });
    await expect(stage(3)).toBeVisible({ timeout: 60_000 });
    await expect(stage(4)).toBeVisible({ timeout: 60_000 });
    await expect(bar).toContainText('arithmetic slip');
    await expect(page.getByRole('region', { name: 'Reasoning' }).getByText(/Verification warning: step 2 may be problematic/)).toBeVisible({ timeout: 40_000 });
    await expect(stage(5)).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('region', { name: 'Checkpoints' }).getByText('Checkpoint 1', { exact: true })).toBeVisible({ timeout: 40_000 });
    await expect(stage(6)).toBeVisible({ timeout: 60_000 });
    await expect(page).toHaveURL(/#\/runs/, { timeout: 10_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'Run finished' })).toBeVisible({ timeout: 40_000 });
    await expect(stage(7)).toBeVisible({ timeout: 60_000 });
    await expect(page).toHaveURL(/#\/planner/);
    await expect(page.getByText(/Latency breakpoint: \d/).first()).toBeVisible({ timeout: 40_000 });
    await page.getByRole('button', { name: 'Exit tour' }).click();
    await expect(bar).toBeHidden();
    expect(errors).toEqual([]);
  });

  test('can be paused and stepped', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Guided demo' }).click();
    const bar = page.getByRole('region', { name: 'Guided demo' });
    await page.getByRole('button', { name: 'Pause tour' }).click();
    await expect(bar.getByRole('button', { name: 'Resume tour' })).toBeVisible();
    await bar.getByRole('button', { name: 'Next stage' }).click();
    await expect(bar.getByText(/^2 \/ 7/)).toBeVisible();
    await bar.getByRole('button', { name: 'Next stage' }).click();
    await expect(bar.getByText(/^3 \/ 7/)).toBeVisible();
    await bar.getByRole('button', { name: 'Previous stage' }).click();
    await expect(bar.getByText(/^2 \/ 7/)).toBeVisible();
    // Paused: it stays on this stage after the run ends.
    await expect(page.getByRole('status')).toContainText('Done', { timeout: 30_000 });
    await page.waitForTimeout(4500);
    await expect(bar.getByText(/^2 \/ 7/)).toBeVisible();
    await page.getByRole('button', { name: 'Exit tour' }).click();
  });
});
