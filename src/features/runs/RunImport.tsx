import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { JsonlError } from '../../core/stored-runs';
import { forgetCacheKeys } from '../../lib/prompt-cache';
import type { CollisionChoice } from '../../storage';
import { startRunsImport, type RunsImport } from '../../workers/runs-import-client';
import { invalidateRuns } from './runs-query';

type ImportOutcome = {
  file: string;
  added: number;
  replaced: number;
  kept: number;
  skipped: number;
  errors: JsonlError[];
  errorCount: number;
  failure?: string;
};

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

function ImportResult({ outcome, onDismiss }: { outcome: ImportOutcome; onDismiss: () => void }) {
  const imported = outcome.added + outcome.replaced + outcome.kept;
  const parts = [`${outcome.added} new`, `${outcome.replaced} replaced`];
  if (outcome.kept) parts.push(`${outcome.kept} kept beside the stored run under a new id`);
  if (outcome.skipped) parts.push(`${outcome.skipped} skipped (already stored)`);
  return (
    <div className={`import-result ${outcome.errorCount || outcome.failure ? 'flag flag-warn' : 'flag flag-info'}`} role="status">
      <p>
        {outcome.failure
          ? `Nothing imported from ${outcome.file}: ${outcome.failure}`
          : `Imported ${plural(imported, 'run')} from ${outcome.file} (${parts.join(', ')}).`}
        {outcome.errorCount > 0 && ` ${plural(outcome.errorCount, 'line')} skipped:`}{' '}
        <button type="button" className="button-quiet" onClick={onDismiss}>
          Dismiss
        </button>
      </p>
      {outcome.errors.length > 0 && (
        <ul className="issue-list" aria-label="Skipped lines">
          {outcome.errors.slice(0, 50).map((e) => (
            <li key={e.line}>
              Line {e.line}: {e.message}
            </li>
          ))}
          {outcome.errorCount > 50 && <li>…and {(outcome.errorCount - 50).toLocaleString('en-US')} more.</li>}
        </ul>
      )}
    </div>
  );
}

/** Some imported runs have the id of a stored run: the user decides, nothing is replaced unasked. */
function CollisionQuestion({ pending, onChoose }: { pending: RunsImport; onChoose: (choice: CollisionChoice | null) => void }) {
  const { plan } = pending;
  const ids = plan.collidingIds.map((id) => `“${id.length > 40 ? `${id.slice(0, 39)}…` : id}”`).join(', ');
  return (
    <div className="flag flag-warn" role="alertdialog" aria-labelledby="collision-text">
      <p id="collision-text">
        {plural(plan.colliding, 'run')} of the {plural(plan.runs, 'run')} in {plan.file} {plan.colliding === 1 ? 'has' : 'have'} the id of a run stored here ({ids}
        {plan.colliding > plan.collidingIds.length ? ', …' : ''}). Replacing a stored run also drops its similarity-cache entry.
      </p>
      <p className="toolbar">
        <button type="button" onClick={() => onChoose('replace')}>
          Replace the stored {plan.colliding === 1 ? 'run' : 'runs'}
        </button>
        <button type="button" onClick={() => onChoose('keep-both')}>
          Keep both
        </button>
        <button type="button" onClick={() => onChoose('skip')}>
          Skip {plan.colliding === 1 ? 'it' : 'them'}
        </button>
        <button type="button" className="button-quiet" onClick={() => onChoose(null)}>
          Cancel import
        </button>
      </p>
    </div>
  );
}

/** Importing a JSONL file of runs: read it in a worker, ask about colliding ids, commit, report. */
export function useRunsImport(onStart: () => void) {
  const queryClient = useQueryClient();
  const [imported, setImported] = useState<ImportOutcome | null>(null);
  const [collision, setCollision] = useState<RunsImport | null>(null);
  const [importing, setImporting] = useState(false);

  const finishImport = async (pending: RunsImport, choice: CollisionChoice) => {
    setCollision(null);
    const { plan } = pending;
    const base = { file: plan.file, errors: plan.errors, errorCount: plan.errorCount };
    try {
      const result = await pending.commit(choice);
      forgetCacheKeys(result.droppedCacheKeys);
      setImported({ ...base, ...result });
    } catch (e) {
      setImported({ ...base, added: 0, replaced: 0, kept: 0, skipped: 0, failure: e instanceof Error ? e.message : String(e) });
    } finally {
      setImporting(false);
      void invalidateRuns(queryClient);
    }
  };

  const importFile = async (file: File) => {
    onStart();
    setImported(null);
    setImporting(true);
    let pending: RunsImport;
    try {
      pending = await startRunsImport(file);
    } catch (e) {
      setImporting(false);
      setImported({ file: file.name, added: 0, replaced: 0, kept: 0, skipped: 0, errors: [], errorCount: 0, failure: `could not read it (${e instanceof Error ? e.message : String(e)}).` });
      return;
    }
    const { plan } = pending;
    if (plan.runs === 0) {
      pending.cancel();
      setImporting(false);
      setImported({ file: file.name, added: 0, replaced: 0, kept: 0, skipped: 0, errors: plan.errors, errorCount: plan.errorCount, failure: plan.errorCount ? 'no valid run records in it.' : 'the file is empty.' });
      return;
    }
    if (plan.colliding > 0) setCollision(pending);
    else await finishImport(pending, 'replace');
  };

  const choose = (choice: CollisionChoice | null) => {
    if (!collision) return;
    if (choice) void finishImport(collision, choice);
    else {
      collision.cancel();
      setCollision(null);
      setImporting(false);
    }
  };

  return { importing, collision, imported, importFile, choose, dismiss: () => setImported(null) };
}

/** Where an import stands: reading, the question about colliding ids, or what it did. */
export function ImportStatus({ flow }: { flow: ReturnType<typeof useRunsImport> }) {
  return (
    <>
      {flow.importing && !flow.collision && (
        <p className="hint" role="status">
          Importing…
        </p>
      )}
      {flow.collision && <CollisionQuestion pending={flow.collision} onChoose={flow.choose} />}
      {flow.imported && <ImportResult outcome={flow.imported} onDismiss={flow.dismiss} />}
    </>
  );
}
