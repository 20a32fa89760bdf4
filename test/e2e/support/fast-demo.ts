import type { Page } from '@playwright/test';

/**
 * Seeds persisted settings before the app loads (once per test), so a spec does not depend on
 * where a setting's field sits in the sidebar.
 */
export async function seedSettings(page: Page, patch: Record<string, unknown>): Promise<void> {
  await page.addInitScript((state) => {
    if (sessionStorage.getItem('e2e-seeded')) return;
    sessionStorage.setItem('e2e-seeded', '1');
    const key = 'reasoning-viewer:settings';
    const saved = JSON.parse(localStorage.getItem(key) ?? '{"state":{},"version":1}');
    localStorage.setItem(key, JSON.stringify({ ...saved, state: { ...saved.state, ...state } }));
  }, patch);
}
