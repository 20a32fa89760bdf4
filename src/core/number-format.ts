/**
 * The one number-formatting module: en-US grouping, fixed decimals, units; "—" for a missing or
 * non-finite value. Used by every page and by the reports.
 */

// One formatter per option set: toLocaleString with options builds a new Intl.NumberFormat on
// every call (tens of µs), and a page of charts formats thousands of ticks and labels.
const formatters = new Map<number, Intl.NumberFormat>();
function upTo(digits: number): Intl.NumberFormat {
  let f = formatters.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    formatters.set(digits, f);
  }
  return f;
}
const integers = new Intl.NumberFormat('en-US');

export function fmtInt(n: number): string {
  return Number.isFinite(n) ? integers.format(Math.round(n)) : '—';
}

/** Up to `digits` decimals, trailing zeros dropped. */
export function fmtNum(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  if (n === Infinity) return '∞';
  return upTo(digits).format(n);
}

export function fmtPct(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${upTo(digits).format(share * 100)} %`;
}

export function fmtSeconds(ms: number | null | undefined, digits = 1): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  if (ms === Infinity) return '∞';
  return `${fmtNum(ms / 1000, digits)} s`;
}

export function fmtBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${fmtNum(bytes / 1024, 1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${fmtNum(bytes / 1024 / 1024, 1)} MB`;
  return `${fmtNum(bytes / 1024 / 1024 / 1024, 2)} GB`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmtInt(n)} ${n === 1 ? one : many}`;
}

/** Three significant digits for a duration in seconds (0.00458 s, 1.85 s, 30.9 s, 1,234 s). */
export function fmtSig(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (Math.abs(seconds) >= 1000) return fmtInt(seconds);
  return String(Number(seconds.toPrecision(3)));
}


/** Seconds with one decimal under a minute, "2 min 5 s" above. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const minutes = Math.floor(s / 60);
  return `${minutes} min ${Math.round(s - minutes * 60)} s`;
}

export function formatCount(n: number | undefined): string {
  return n === undefined || !Number.isFinite(n) ? '—' : integers.format(Math.round(n));
}
