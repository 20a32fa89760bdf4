import { useId } from 'react';
import { BUCKET_FIELDS, OUTCOMES, ROW_FIELDS, unitsForField, type MappedField, type Outcome, type Unit } from '../../core/logs';
import type { LogDiagnostics } from '../../workers/log-parse-client';
import { fmtBytes, fmtInt, plural } from '../../core/number-format';
import { mapStatusValue, overrideField, removeFile, resetOverrides, selectFiles, selectSettings, usePlanner, type FileEntry } from './planner-store';
import { Select } from '../../components/SelectField';

export const FIELD_LABELS: Record<MappedField, string> = {
  steps: 'Steps',
  reasoningText: 'Reasoning text',
  reasoningTokens: 'Reasoning tokens',
  outputTokens: 'Output tokens',
  inputTokens: 'Input tokens',
  latencyMs: 'Latency',
  ttftMs: 'Time to first token',
  timestampMs: 'Timestamp',
  status: 'Status',
  error: 'Error',
  finishReason: 'Finish reason',
  timedOut: 'Timed-out flag',
  bucketLo: 'Bucket lower edge',
  bucketHi: 'Bucket upper edge',
  count: 'Requests',
  latencyP50Ms: 'Latency p50',
  latencyP95Ms: 'Latency p95',
  latencyP99Ms: 'Latency p99',
  ttftP50Ms: 'TTFT p50',
  timeouts: 'Timeouts',
  errors: 'Errors',
  truncated: 'Truncated',
  censored: 'Censored',
};

const UNIT_LABELS: Record<Unit, string> = { ms: 'ms', s: 's', us: 'µs', ns: 'ns', iso: 'date-time', count: 'count', text: 'text', bool: 'true/false' };
const ORIGIN_LABELS = { format: 'known layout', alias: 'column name', derived: 'end − start', override: 'your choice' } as const;

/** Where steps come from, in words, with the current tokens-per-step setting. */
export function stepsSourceText(d: LogDiagnostics, tokensPerStep: number): string {
  const col = (f: MappedField) => d.mapping[f]?.column ?? '?';
  switch (d.stepsSource) {
    case 'column':
      return `Steps: from the column "${col('steps')}".`;
    case 'text':
      return `Steps: split from the reasoning text in "${col('reasoningText')}" (paragraphs at blank lines, as the viewer does).`;
    case 'tokens':
      return `Steps: reasoning tokens ("${col('reasoningTokens')}") ÷ ${tokensPerStep} tokens per step (the setting), rounded up.`;
    default:
      return 'Steps: none — no steps, reasoning-text or reasoning-token column; tiers and step charts need one (map it below).';
  }
}

function problems(d: LogDiagnostics): string[] {
  const out: string[] = [];
  const lines = (l: { count: number; firstLines: number[] }) => (l.firstLines.length ? ` (line${l.count > 1 ? 's' : ''} ${l.firstLines.join(', ')}${l.count > l.firstLines.length ? ', …' : ''})` : '');
  if (d.malformed.count) out.push(`${plural(d.malformed.count, 'malformed record')} skipped${lines(d.malformed)}.`);
  if (d.oversized.count) out.push(`${plural(d.oversized.count, 'oversized line')} skipped${lines(d.oversized)}.`);
  if (d.skipped.count)
    out.push(
      `${plural(d.skipped.count, 'record')} that are not requests skipped: ${Object.entries(d.skipped.reasons)
        .map(([r, n]) => `${r} ×${fmtInt(n)}`)
        .join('; ')}.`,
    );
  return out;
}

function MappingEditor({ entry, d }: { entry: FileEntry; d: LogDiagnostics }) {
  const fields = d.kind === 'buckets' ? BUCKET_FIELDS : ROW_FIELDS;
  const overridden = Object.keys(entry.overrides).length > 0;
  return (
    <details className="mapping" open={overridden || undefined}>
      <summary>Field mapping and units{overridden ? ' (overridden)' : ''}</summary>
      <table className="data-table mapping-table">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Column</th>
            <th scope="col">Unit</th>
            <th scope="col">Detected by</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => {
            const src = d.mapping[field];
            const units = unitsForField(field);
            const label = FIELD_LABELS[field];
            const columns = src && !d.columns.includes(src.column) ? [src.column, ...d.columns] : d.columns;
            return (
              <tr key={field}>
                <th scope="row">{label}</th>
                <td>
                  <Select
                    aria-label={`${label} column`}
                    value={src?.column ?? ''}
                    options={[{ value: '', label: '(not mapped)' }, ...columns.map((c) => ({ value: c, label: c }))]}
                    disabled={entry.status === 'parsing'}
                    // No unit: the parser infers it from the new column's name and values.
                    onChange={(column) => overrideField(entry.id, field, column ? { column } : null)}
                  />
                  {src?.minus && <span className="hint"> − {src.minus}</span>}
                </td>
                <td>
                  <Select
                    aria-label={`${label} unit`}
                    value={src?.unit ?? units[0]}
                    options={units.map((u) => ({ value: u, label: UNIT_LABELS[u] }))}
                    disabled={!src || units.length < 2 || entry.status === 'parsing'}
                    onChange={(unit) => src && overrideField(entry.id, field, { column: src.column, unit, ...(src.minus ? { minus: src.minus } : {}) })}
                  />
                </td>
                <td className="hint">{src ? `${ORIGIN_LABELS[src.origin]}${src.unitReason ? `; ${src.unitReason}` : ''}` : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {overridden && (
        <button type="button" className="button-quiet" onClick={() => resetOverrides(entry.id)}>
          Back to the detected mapping
        </button>
      )}
    </details>
  );
}

const OUTCOME_LABELS: Record<Outcome, string> = { ok: 'ok', error: 'failed', timeout: 'timed out', truncated: 'truncated', censored: 'censored' };

/** The status column's distinct values, how each is read, and a picker to map any of them. */
function StatusValues({ entry, d }: { entry: FileEntry; d: LogDiagnostics }) {
  const values = d.statusValues;
  if (values.length === 0) return null;
  const unknown = values.filter((v) => v.outcome === null);
  const column = d.mapping.status?.column ?? 'status';
  return (
    <details className="mapping status-values" open={unknown.length > 0 || values.some((v) => v.source === 'yours') || undefined}>
      <summary>
        Status values in "{column}" ({plural(values.length + d.statusValuesMore, 'distinct value')}
        {unknown.length ? `, ${unknown.length} not recognised: counted as failed until mapped` : ''})
      </summary>
      <table className="data-table" aria-label={`Status values in ${entry.name}`}>
        <thead>
          <tr>
            <th scope="col">Value</th>
            <th scope="col">Rows</th>
            <th scope="col">Counted as</th>
          </tr>
        </thead>
        <tbody>
          {values.map((v) => (
            <tr key={v.value}>
              <th scope="row">
                <code>{v.value}</code>
              </th>
              <td>{fmtInt(v.count)}</td>
              <td>
                <Select<Outcome | ''>
                  aria-label={`Outcome for status ${v.value}`}
                  value={v.source === 'yours' ? (v.outcome ?? '') : ''}
                  options={[{ value: '', label: v.builtIn === null ? 'not recognised (failed)' : `${OUTCOME_LABELS[v.builtIn]} (built in)` }, ...OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))]}
                  disabled={entry.status === 'parsing'}
                  onChange={(outcome) => mapStatusValue(entry.id, v.value, outcome || null)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.statusValuesMore > 0 && <p className="hint">{plural(d.statusValuesMore, 'more distinct value')} not listed.</p>}
    </details>
  );
}

function FileReportView({ entry, tokensPerStep }: { entry: FileEntry; tokensPerStep: number }) {
  const headingId = useId();
  const report = entry.report;
  const d = report?.diagnostics;
  const issues = d ? problems(d) : [];
  return (
    <section className="panel file-report" aria-labelledby={headingId}>
      <div className="panel-head">
        <h3 id={headingId}>{entry.name}</h3>
        <span className="hint">
          {fmtBytes(entry.size)}
          {report?.gzip ? ' · gzip' : ''}
          {entry.status === 'parsing' ? ` · parsing… ${fmtInt(entry.rows)} rows` : ''}
        </span>
        <button type="button" className="button-quiet" onClick={() => removeFile(entry.id)} aria-label={`Remove ${entry.name}`}>
          Remove
        </button>
      </div>
      {entry.origin && <p className="hint">{entry.origin}</p>}
      {entry.status === 'failed' && (
        <p className="flag flag-warn" role="alert">
          Could not parse this file: {entry.error}
        </p>
      )}
      {d && d.fatal && (
        <div className="flag flag-error" role="alert">
          {d.messages.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      {d && !d.fatal && (
        <>
          <p>
            <strong>Format:</strong> {d.formatLabel} ({d.container ?? 'unknown container'}) ·{' '}
            {d.kind === 'buckets' ? `${plural(d.buckets, 'bucket row')} (pre-aggregated)` : `${plural(d.rowsOk, 'row')}`}
          </p>
          {d.kind === 'rows' && (
            <>
              <p className="outcomes" aria-label={`Outcomes in ${entry.name}`}>
                {fmtInt(d.counts.ok)} ok · {fmtInt(d.counts.error)} failed · {fmtInt(d.counts.timeout)} timed out · {fmtInt(d.counts.truncated)} truncated · {fmtInt(d.counts.censored)} censored
              </p>
              <p>{stepsSourceText(d, tokensPerStep)}</p>
            </>
          )}
          {report?.capped && (
            <p className="flag flag-warn" role="status" aria-label={`Stopped at a cap: ${entry.name}`}>
              {report.capped.message}
            </p>
          )}
          {issues.length > 0 && (
            <div className="flag flag-warn" role="status" aria-label={`Problems in ${entry.name}`}>
              {issues.map((m) => (
                <p key={m}>{m}</p>
              ))}
            </div>
          )}
          <ul className="messages" aria-label={`Parser messages for ${entry.name}`}>
            {d.messages
              .filter((m) => m !== report?.capped?.message)
              .map((m) => (
                <li key={m}>{m}</li>
              ))}
          </ul>
          <StatusValues entry={entry} d={d} />
          <MappingEditor entry={entry} d={d} />
        </>
      )}
    </section>
  );
}

export function FileReports() {
  const files = usePlanner(selectFiles);
  const settings = usePlanner(selectSettings);
  if (files.length === 0) return null;
  return (
    <div className="file-reports">
      {files.map((f) => (
        <FileReportView key={f.id} entry={f} tokensPerStep={settings.tokensPerStep} />
      ))}
    </div>
  );
}
