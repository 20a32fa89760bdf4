import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { UnsavedRunsNotice } from '../../components/UnsavedRunsNotice';
import { runsToJsonl } from '../../core/stored-runs';
import { downloadText } from '../../lib/download';
import { toRunRecord } from '../../lib/run-record';
import { useSettings } from '../../lib/settings';
import { shareQuery } from '../../lib/share-link';
import { AnswerPanel } from './AnswerPanel';
import { CheckpointsPanel } from './CheckpointsPanel';
import { ComparePanel, runCompare, useCompareUi } from './compare/ComparePanel';
import { PromptBox } from './PromptBox';
import { focusWarning, prepareRunWorkers, runPrompt, stopCompare, stopRun } from './run-controller';
import { selectContext, selectStatus, useLiveRun } from './run-store';
import { MetricsBar, StatusLine, useWaitingForFullResponse } from './RunStatus';
import { SettingsSidebar } from './SettingsSidebar';
import { DemoScenarioPicker } from './DemoScenarioPicker';
import { ThinkingBlock } from './ThinkingBlock';
import { VerificationBar } from './VerificationBar';
import './viewer.css';

/** When the browser refuses to store runs, say so, retry, and offer an export of what is in memory. */
function StorageWarning() {
  return (
    <UnsavedRunsNotice>
      <button
        type="button"
        onClick={() => {
          const { views, order } = useLiveRun.getState();
          const records = order.flatMap((id) => (views[id] ? [toRunRecord(views[id], Date.now())] : []));
          downloadText(`reasoning-runs-${new Date().toISOString().slice(0, 10)}.jsonl`, runsToJsonl(records), 'application/x-ndjson');
        }}
      >
        Export this session's runs
      </button>
    </UnsavedRunsNotice>
  );
}

/** The run as it goes: thinking (open while it streams), the answer, then the checkpoints. */
function RunView() {
  const waiting = useWaitingForFullResponse();
  return (
    <>
      <StatusLine />
      <MetricsBar />
      <VerificationBar />
      <ThinkingBlock />
      <AnswerPanel />
      {!waiting && <CheckpointsPanel />}
    </>
  );
}

export function LiveViewerPage() {
  const status = useLiveRun(selectStatus);
  const pattern = useLiveRun((s) => selectContext(s)?.deliveryPattern);
  const live = status === 'streaming' || status === 'connecting';
  // An async run keeps going in the background, so another run may start beside it.
  const blocked = live && pattern !== 'async';
  const promptId = useId();
  const [shareNote, setShareNote] = useState('');
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const compareOn = useCompareUi((s) => s.on);
  const setCompareOn = useCompareUi((s) => s.setOn);


  // Run with nothing typed says so and puts the cursor in the prompt.
  const [emptyPrompt, setEmptyPrompt] = useState(false);
  const emptyNoteId = useId();
  const clearEmptyNote = useCallback(() => setEmptyPrompt(false), []);

  const run = () => {
    const text = useSettings.getState().prompt.trim();
    setEmptyPrompt(!text);
    if (!text) promptRef.current?.focus();
    else if (useCompareUi.getState().on) void runCompare(text);
    else void runPrompt(text);
  };

  // The stream and verification workers load while the reader types, not after Run.
  useEffect(() => prepareRunWorkers(), []);

  // Keyboard: Ctrl/Cmd+Enter runs, Escape stops, n / p jump to the next / previous warning.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        const status = selectStatus(useLiveRun.getState());
        if (status !== 'streaming' && status !== 'connecting') run();
      } else if (e.key === 'Escape' && !document.querySelector('dialog[open]')) {
        stopRun();
        stopCompare();
      } else if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === 'n' || e.key === 'p')) {
        if (focusWarning(e.key === 'n' ? 1 : -1) !== undefined) e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="viewer">
      <div className="main-column">
        <form
          className="prompt-form"
          onSubmit={(e) => {
            e.preventDefault();
            run();
          }}
        >
          <label htmlFor={promptId}>Prompt</label>
          <PromptBox id={promptId} ref={promptRef} describedBy={emptyPrompt ? emptyNoteId : undefined} onType={clearEmptyNote} />
          <DemoScenarioPicker />
          <div className="toolbar">
            <button type="submit" className="button-primary" disabled={blocked}>
              Run
            </button>
            <button type="button" onClick={() => stopRun()} disabled={!live}>
              Stop
            </button>
            <button type="button" aria-pressed={compareOn} className={compareOn ? 'button-toggle-on' : undefined} onClick={() => setCompareOn(!compareOn)} title="Two runs of this prompt side by side">
              Compare
            </button>
            <button
              type="button"
              className="button-quiet"
              onClick={async () => {
                const url = `${location.origin}${location.pathname}#/?${shareQuery(useSettings.getState())}`;
                try {
                  await navigator.clipboard.writeText(url);
                  setShareNote('Link copied (no API key in it).');
                } catch {
                  setShareNote(url);
                }
              }}
            >
              Share link
            </button>
            <span id={emptyNoteId} className="prompt-note" aria-live="polite" data-testid="prompt-note">
              {emptyPrompt ? 'Type a question first.' : ''}
            </span>
            <span className="hint" data-testid="shortcuts">
              {shareNote || (
                <>
                  <kbd>Ctrl</kbd>+<kbd>Enter</kbd> run · <kbd>Esc</kbd> stop · <kbd>n</kbd>/<kbd>p</kbd> next/previous warning
                </>
              )}
            </span>
          </div>
        </form>
        <StorageWarning />
        {compareOn ? (
          <ComparePanel />
        ) : (
          <RunView />
        )}
      </div>
      {/* After the prompt in the document (and the Tab order); styles.css draws it first. */}
      <SettingsSidebar live={live} />
    </div>
  );
}
