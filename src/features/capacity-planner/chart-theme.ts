import { useSyncExternalStore } from 'react';

/**
 * Chart colours read from the app's CSS variables (src/app/styles.css), so the charts follow
 * light/dark (prefers-color-scheme) and a PNG export carries real colours, not var(--…).
 */
export type ChartTheme = {
  text: string;
  muted: string;
  border: string;
  surface: string;
  accent: string;
  ok: string;
  warn: string;
  err: string;
  font: string;
};

const FALLBACK: ChartTheme = { text: '#1b1f24', muted: '#5b6470', border: '#d8dde3', surface: '#ffffff', accent: '#3b5bdb', ok: '#2b8a3e', warn: '#b35c00', err: '#c92a2a', font: 'system-ui, sans-serif' };

let cached: { key: string; theme: ChartTheme } | null = null;

function read(): ChartTheme {
  if (typeof window === 'undefined' || typeof getComputedStyle === 'undefined') return FALLBACK;
  const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  const key = dark ? 'dark' : 'light';
  if (cached?.key === key) return cached.theme;
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fb: string) => css.getPropertyValue(name).trim() || fb;
  const theme: ChartTheme = {
    text: v('--text', FALLBACK.text),
    muted: v('--muted', FALLBACK.muted),
    border: v('--border', FALLBACK.border),
    surface: v('--surface', FALLBACK.surface),
    accent: v('--accent', FALLBACK.accent),
    ok: v('--ok', FALLBACK.ok),
    warn: v('--warn', FALLBACK.warn),
    err: v('--err', FALLBACK.err),
    font: css.fontFamily || FALLBACK.font,
  };
  cached = { key, theme };
  return theme;
}

function subscribe(onChange: () => void): () => void {
  const mq = typeof window !== 'undefined' ? window.matchMedia?.('(prefers-color-scheme: dark)') : undefined;
  if (!mq) return () => {};
  const handler = () => {
    cached = null;
    onChange();
  };
  mq.addEventListener('change', handler);
  return () => mq.removeEventListener('change', handler);
}

export function useChartTheme(): ChartTheme {
  return useSyncExternalStore(subscribe, read, () => FALLBACK);
}

export function tierColour(theme: ChartTheme, tier: 'short' | 'medium' | 'complex' | null): string {
  if (tier === 'short') return theme.ok;
  if (tier === 'medium') return theme.accent;
  if (tier === 'complex') return theme.warn;
  return theme.muted;
}
