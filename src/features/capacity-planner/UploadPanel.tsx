import { useId, useState } from 'react';
import warehouseSqlUrl from '../../../docs/warehouse-sql.md?url';
import { fmtBytes, fmtInt } from '../../core/number-format';
import { addFiles, cancelParsing, clearFiles, loadSample, selectFiles, selectNotice, selectProgress, usePlanner } from './planner-store';
import { useShallow } from 'zustand/react/shallow';

const ACCEPT = '.jsonl,.ndjson,.json,.csv,.tsv,.txt,.log,.gz,application/json,text/csv,text/tab-separated-values,application/gzip';

/** Drop zone, "Upload logs" file input, "Load sample", the parse progress bar and Cancel. */
export function UploadPanel() {
  const inputId = useId();
  const [over, setOver] = useState(false);
  const progress = usePlanner(useShallow(selectProgress));
  const notice = usePlanner(selectNotice);
  const hasFiles = usePlanner((s) => selectFiles(s).length > 0);
  const pct = progress && progress.totalBytes > 0 ? Math.min(100, Math.round((100 * progress.bytesRead) / progress.totalBytes)) : 0;
  const progressText = progress ? `${fmtInt(progress.rows)} rows · ${fmtBytes(progress.bytesRead)} of ${fmtBytes(progress.totalBytes)}${progress.files > 1 ? ` · ${progress.files} files` : ''}` : '';

  return (
    <section className="panel upload" aria-label="Request logs">
      <div
        className={`drop-zone${over ? ' drop-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          addFiles([...e.dataTransfer.files]);
        }}
      >
        <p>
          <strong>Drop request logs here</strong> — JSON Lines, JSON, CSV or TSV, gzipped or not; one file or several. Parsed in a background worker; nothing leaves this browser.
        </p>
        <div className="toolbar">
          <label htmlFor={inputId} className="file-label">
            Upload logs
          </label>
          <input
            id={inputId}
            type="file"
            multiple
            accept={ACCEPT}
            onChange={(e) => {
              const files = e.target.files ? [...e.target.files] : [];
              e.target.value = '';
              addFiles(files);
            }}
          />
          <button type="button" onClick={() => void loadSample()}>
            Load sample
          </button>
          {hasFiles && !progress && (
            <button type="button" className="button-quiet" onClick={clearFiles}>
              Clear all
            </button>
          )}
        </div>
        <p className="hint">
          <a href={warehouseSqlUrl} target="_blank" rel="noreferrer">
            Logs too big for a browser?
          </a>{' '}
          Aggregate them where they live with the warehouse SQL and drop the bucket CSV here.
        </p>
      </div>
      {progress && (
        <div className="parse-progress">
          <div role="progressbar" aria-label="Parsing logs" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={progressText} className="progress-track">
            <div className="progress-fill" style={{ width: `${pct}%` }} />
          </div>
          <span className="progress-text">{progressText}</span>
          <button type="button" onClick={cancelParsing}>
            Cancel
          </button>
        </div>
      )}
      <p className="notice" role="status" aria-live="polite">
        {notice ?? ''}
      </p>
    </section>
  );
}
