/** How long each stage took the last time it ran (ms), keyed by stage name. */
export type StageTimings = Record<string, number>;

/** One remembered value per stage, recomputed only when its key changes; the clock is passed in. */
export function memo<T>(name: string, timings: StageTimings, now: () => number) {
  let key: string | null = null;
  let value: T;
  return (k: string, compute: () => T): T => {
    if (k !== key) {
      const t = now();
      value = compute();
      timings[name] = now() - t;
      key = k;
    }
    return value;
  };
}

/** Runs `f` and records its duration under `name`. */
export function timed<T>(name: string, timings: StageTimings, now: () => number, f: () => T): T {
  const t = now();
  const v = f();
  timings[name] = now() - t;
  return v;
}
