import type { ClippedRun } from '../../core/stored-runs';

/**
 * The stored-runs list after some runs were saved (`upserts`, already clipped for the list) and
 * some deleted: replaced in place, new ones added, kept newest first (by startedAt). Pure.
 */
export function applyRunChanges(list: readonly ClippedRun[], upserts: readonly ClippedRun[], deleted: ReadonlySet<string>): ClippedRun[] {
  const byId = new Map(upserts.map((r) => [r.id, r]));
  const out: ClippedRun[] = [];
  for (const run of list) {
    if (deleted.has(run.id)) continue;
    const fresh = byId.get(run.id);
    if (fresh) byId.delete(run.id);
    out.push(fresh ?? run);
  }
  for (const run of byId.values()) if (!deleted.has(run.id)) out.push(run);
  // Usually still in order (a run's start does not change, new runs are newest): sort only if not.
  for (let i = 1; i < out.length; i++) {
    if (out[i - 1].startedAt < out[i].startedAt) return out.sort((a, b) => b.startedAt - a.startedAt);
  }
  return out;
}
