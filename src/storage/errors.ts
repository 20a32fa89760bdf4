/**
 * A write to IndexedDB failed: quota exceeded (the usual case) or the browser refused the write
 * for another reason (private mode, eviction, a broken database). The caller keeps the run in
 * memory and tells the user; nothing was half-written (each write is one transaction).
 */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  /** True when the browser reported a quota error; false for other write failures. */
  readonly quota: boolean;
  override readonly cause: unknown;

  constructor(cause: unknown) {
    const quota = isQuotaError(cause);
    super(
      quota
        ? 'The browser refused to store more (quota). Export your runs, then delete old ones.'
        : `The browser refused to store more (${describe(cause)}). Export your runs, then delete old ones.`,
    );
    this.quota = quota;
    this.cause = cause;
  }
}

function describe(e: unknown): string {
  if (e instanceof Error || (typeof e === 'object' && e !== null && 'name' in e)) {
    const { name, message } = e as { name?: unknown; message?: unknown };
    return [name, message].filter((x) => typeof x === 'string' && x).join(': ') || 'write failed';
  }
  return String(e);
}

/** Chrome/Safari `QuotaExceededError` (legacy code 22), Firefox `NS_ERROR_DOM_QUOTA_REACHED`. */
export function isQuotaError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { name, code, message } = e as { name?: unknown; code?: unknown; message?: unknown };
  return (
    name === 'QuotaExceededError' ||
    name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    code === 22 ||
    code === 1014 ||
    (typeof message === 'string' && /quota/i.test(message))
  );
}
