import { useEffect, useId, useRef, useState } from 'react';
import { CopyButton } from '../../../components/CopyButton';
import { CONNECTION_PRESETS, getPreset, presetFor, type ConnectionPreset, type PresetId } from '../../../core/providers/presets';
import { formatDuration } from '../../../core/number-format';
import { copyKey, keyFor, keyOrigin, setKey, type Keyring } from '../../../core/keys/key-scope';
import { endpointFor, useSettings } from '../../../lib/settings';
import { KeyOffer } from '../KeyField';
import { IDLE_TEST, runConnectionTest, TEST_PROMPT, type TestState } from './connection-test';
import './connect.css';

const MAX_NAMES_SHOWN = 20;
const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

const isRadio = (el: Element | null): el is HTMLInputElement => el instanceof HTMLInputElement && el.type === 'radio' && Boolean(el.name);

/** The dialog's Tab stops in order: one per radio group (the checked radio, else the first). */
function tabStops(root: HTMLElement): HTMLElement[] {
  const groups = new Set<string>();
  const stops: HTMLElement[] = [];
  for (const el of root.querySelectorAll<HTMLElement>(FOCUSABLE)) {
    if (el.offsetParent === null) continue;
    if (isRadio(el)) {
      if (groups.has(el.name)) continue;
      groups.add(el.name);
      stops.push(root.querySelector<HTMLElement>(`input[type="radio"][name="${el.name}"]:checked`) ?? el);
    } else stops.push(el);
  }
  return stops;
}

/**
 * The dialog's own copy of the keyring: a key typed here belongs to the preset's provider and
 * the base address's origin, like everywhere else (core/keys/key-scope), and is kept on
 * "Use this connection".
 */
type Draft = { presetId: PresetId | null; baseUrl: string; keys: Keyring; name: string; nameEdited: boolean };

/** Starts from the saved connection when it matches a preset. */
function initialDraft(): Draft {
  const s = useSettings.getState();
  const { baseUrl, model } = endpointFor(s);
  const preset = s.provider === 'demo' ? undefined : presetFor(s.provider, baseUrl);
  if (!preset) return { presetId: null, baseUrl: '', keys: s.keys, name: '', nameEdited: false };
  return { presetId: preset.id, baseUrl, keys: s.keys, name: model || preset.suggestedModel, nameEdited: Boolean(model) && model !== preset.suggestedModel };
}

function FixBox({ text, command }: { text: string; command?: string }) {
  return (
    <div className="connect-fix" data-testid="connect-fix">
      <p>{text}</p>
      {command && (
        <div className="connect-command">
          <code>{command}</code>
          <CopyButton label="Copy fix" text={() => command} />
        </div>
      )}
    </div>
  );
}

function Results({ test, preset }: { test: TestState; preset: ConnectionPreset }) {
  if (test.phase === 'idle') return <p className="hint">Test connection lists the server's models, then streams one short reply to “{TEST_PROMPT}”.</p>;
  const names = test.models ?? [];
  return (
    <div className="connect-results">
      <p className="connect-line" data-testid="connect-models">
        {test.phase === 'listing' && !test.models && !test.modelsError && 'Listing models…'}
        {test.models &&
          (names.length
            ? `${names.length} model${names.length === 1 ? '' : 's'} on the server: ${names.slice(0, MAX_NAMES_SHOWN).join(', ')}${names.length > MAX_NAMES_SHOWN ? `, and ${names.length - MAX_NAMES_SHOWN} more` : ''}.`
            : 'The server listed no models.')}
        {test.modelsError && test.phase !== 'failed' && <span className="warn">{test.modelsError}</span>}
      </p>
      {test.nameNote && <p className="hint">{test.nameNote}</p>}
      {(test.phase === 'streaming' || test.phase === 'done' || test.reasoning || test.answer) && (
        <>
          <p className="connect-line" data-testid="connect-timing">
            {test.ttftMs !== undefined ? `First token after ${formatDuration(test.ttftMs)}` : test.phase === 'streaming' ? 'Waiting for the first token…' : 'No text arrived'}
            {test.totalMs !== undefined && ` · finished in ${formatDuration(test.totalMs)}`}
            {test.usedName && <span className="hint"> · asked {test.usedName}</span>}
          </p>
          <div className="connect-stream">
            <div>
              <h3>{test.reasoningIsSummary ? 'Reasoning summary' : 'Reasoning'}</h3>
              <div className="connect-text" data-testid="connect-reasoning">
                {test.reasoning || <span className="hint">{test.phase === 'streaming' ? '…' : 'None arrived.'}</span>}
              </div>
            </div>
            <div>
              <h3>Answer</h3>
              <div className="connect-text" data-testid="connect-answer">
                {test.answer || <span className="hint">{test.phase === 'streaming' ? '…' : 'None arrived.'}</span>}
              </div>
            </div>
          </div>
          {test.phase === 'done' && !test.reasoning && (
            <p className="hint">No reasoning arrived: {preset.reasoningHow}</p>
          )}
        </>
      )}
      {test.phase === 'done' && (
        <p className="connect-ok" data-testid="connect-verdict">
          Connected: the reply streamed through.{test.endNote ? ` ${test.endNote}` : ''}
        </p>
      )}
      {test.phase === 'failed' && test.failure && (
        <div className="connect-error" role="alert" data-testid="connect-error" data-problem={test.failure.problem}>
          <p>{test.failure.message}</p>
          {test.failure.fix && <FixBox text={test.failure.fix.text} command={test.failure.fix.command} />}
        </div>
      )}
    </div>
  );
}

/**
 * "Connect a model": choose a server, check it answers (models listed, one short reply
 * streamed through the real adapter), get the exact CORS fix when the browser blocks it, and
 * apply it to the settings. A native modal <dialog>: the page behind is inert, Escape closes.
 */
export function ConnectDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<Draft>(initialDraft);
  const [test, setTest] = useState<TestState>(IDLE_TEST);
  const abortRef = useRef<AbortController | null>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  const ids = { title: useId(), url: useId(), key: useId(), name: useId(), list: useId(), keyHint: useId() };
  const preset = draft.presetId ? getPreset(draft.presetId) : null;
  const appOrigin = window.location.origin;
  const busy = test.phase === 'listing' || test.phase === 'streaming';
  // Only the key typed for this preset's provider at this address's origin is ever sent.
  const draftKey = preset && preset.key !== 'none' ? (keyFor(draft.keys, 'model', preset.provider, draft.baseUrl) ?? '') : '';

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    (dialog.querySelector<HTMLElement>('input[name="connect-preset"]:checked') ?? dialog.querySelector<HTMLElement>('input[name="connect-preset"]'))?.focus();
    const handleClose = () => onCloseRef.current();
    // Keep Tab inside the dialog (the native modal already makes the page behind inert).
    const trapTab = (e: KeyboardEvent) => {
      // The page's own shortcuts (Ctrl+Enter runs the prompt) must not fire behind the dialog.
      e.stopPropagation();
      if (e.key !== 'Tab') return;
      const stops = tabStops(dialog);
      if (!stops.length) return;
      const active = document.activeElement;
      const at = stops.findIndex((el) => el === active || (isRadio(el) && isRadio(active) && el.name === active.name));
      if (e.shiftKey && at <= 0) {
        e.preventDefault();
        stops[stops.length - 1].focus();
      } else if (!e.shiftKey && (at === -1 || at === stops.length - 1)) {
        e.preventDefault();
        stops[0].focus();
      }
    };
    dialog.addEventListener('close', handleClose);
    dialog.addEventListener('keydown', trapTab);
    return () => {
      dialog.removeEventListener('close', handleClose);
      dialog.removeEventListener('keydown', trapTab);
    };
  }, []);

  // Stop a test in flight when the dialog goes away.
  useEffect(() => () => abortRef.current?.abort(), []);

  const close = () => {
    const dialog = ref.current;
    if (dialog?.open && typeof dialog.close === 'function') dialog.close();
    else onClose();
  };

  const choose = (id: PresetId) => {
    abortRef.current?.abort();
    const p = getPreset(id);
    setDraft((d) => ({ ...d, presetId: id, baseUrl: p.baseUrl, name: p.suggestedModel, nameEdited: false }));
    setTest(IDLE_TEST);
  };

  const edit = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (!busy) setTest(IDLE_TEST);
  };

  const startTest = async () => {
    if (!preset) return;
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    const final = await runConnectionTest({
      preset,
      baseUrl: draft.baseUrl.trim(),
      key: draftKey,
      name: draft.name,
      nameIsDefault: !draft.nameEdited,
      appOrigin,
      signal: controller.signal,
      now: () => performance.now(),
      onUpdate: setTest,
    });
    // Keep the name that worked, so "Use this connection" applies it.
    if (!controller.signal.aborted && final.usedName !== undefined && final.usedName !== draft.name.trim()) {
      setDraft((d) => ({ ...d, name: final.usedName ?? d.name }));
    }
  };

  const apply = () => {
    if (!preset) return;
    const settings = useSettings.getState();
    const baseUrl = draft.baseUrl.trim();
    settings.update({ provider: preset.provider });
    useSettings.getState().setEndpoint({ baseUrl, model: draft.name.trim() });
    // The key stays in memory unless "Remember on this device" is ticked in the settings.
    if (preset.key !== 'none') useSettings.getState().setKey('model', preset.provider, baseUrl, draftKey.trim());
    close();
  };

  return (
    <dialog ref={ref} className="connect-dialog" aria-labelledby={ids.title} aria-modal="true">
      <div className="connect-head">
        <h2 id={ids.title}>Connect a model</h2>
        <button type="button" className="button-quiet connect-x" aria-label="Close" onClick={close}>
          ×
        </button>
      </div>
      <div className="connect-body">
        <fieldset className="connect-presets">
          <legend>Server</legend>
          {CONNECTION_PRESETS.map((p) => (
            <label key={p.id} className={`connect-preset${draft.presetId === p.id ? ' is-chosen' : ''}`}>
              <input type="radio" name="connect-preset" value={p.id} checked={draft.presetId === p.id} onChange={() => choose(p.id)} />
              <span className="connect-preset-name">{p.label}</span>
              <span className="connect-tag">{p.local ? 'local' : 'hosted'}</span>
            </label>
          ))}
        </fieldset>

        <div className="connect-detail">
          {!preset ? (
            <p className="hint connect-empty">Choose the server your model runs on. Each one fills in its usual endpoint URL and shows where its reasoning arrives and what it needs.</p>
          ) : (
            <form
              className="connect-form"
              onSubmit={(e) => {
                e.preventDefault();
                void startTest();
              }}
            >
              <dl className="connect-facts">
                <div>
                  <dt>Reasoning arrives in</dt>
                  <dd>
                    <code>{preset.reasoningField}</code>
                    <small className="hint">{preset.reasoningHow}</small>
                  </dd>
                </div>
                <div>
                  <dt>Headers sent</dt>
                  <dd>
                    {preset.headers.length ? (
                      <ul className="connect-headers">
                        {preset.headers.map((h) => (
                          <li key={h.name}>
                            <code>
                              {h.name}: {h.value}
                            </code>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span>None: no key or special header.</span>
                    )}
                    {preset.key === 'optional' && <small className="hint">Only with a key: the server decides whether it needs one.</small>}
                  </dd>
                </div>
              </dl>

              <div className="field">
                <label htmlFor={ids.url}>Endpoint URL</label>
                <input id={ids.url} type="url" value={draft.baseUrl} spellCheck={false} onChange={(e) => edit({ baseUrl: e.target.value })} />
              </div>
              {preset.key !== 'none' && (
                <div className="field">
                  <label htmlFor={ids.key}>API key{preset.key === 'optional' ? ' (optional)' : ''}</label>
                  <input
                    id={ids.key}
                    type="password"
                    autoComplete="off"
                    value={draftKey}
                    disabled={!keyOrigin(draft.baseUrl)}
                    aria-describedby={ids.keyHint}
                    onChange={(e) => edit({ keys: setKey(draft.keys, 'model', preset.provider, draft.baseUrl, e.target.value) })}
                  />
                  <small className="hint" id={ids.keyHint}>
                    {preset.keyHint} Sent only to {keyOrigin(draft.baseUrl) ?? 'the endpoint URL'}; kept in memory unless remembered.
                  </small>
                  <KeyOffer
                    ring={draft.keys}
                    role="model"
                    provider={preset.provider}
                    url={draft.baseUrl}
                    what="API key"
                    onAccept={(from) => edit({ keys: copyKey(draft.keys, from, 'model', preset.provider, draft.baseUrl) })}
                  />
                </div>
              )}
              <div className="field">
                <label htmlFor={ids.name}>Model</label>
                <input
                  id={ids.name}
                  list={ids.list}
                  value={draft.name}
                  spellCheck={false}
                  placeholder={preset.suggestedModel || 'listed by the server'}
                  onChange={(e) => edit({ name: e.target.value, nameEdited: true })}
                />
                <datalist id={ids.list}>
                  {(test.models ?? []).map((m) => (
                    <option key={m} value={m} />
                  ))}
                </datalist>
                <small className="hint">The id the server knows the model by{preset.suggestedModel ? `, e.g. ${preset.suggestedModel}` : ''}. Testing fills it from the server's list.</small>
              </div>

              <div className="toolbar connect-actions">
                <button type="submit" className="button-primary" disabled={busy || !draft.baseUrl.trim()}>
                  {busy ? 'Testing…' : 'Test connection'}
                </button>
                <button type="button" onClick={apply} disabled={!draft.baseUrl.trim()}>
                  Use this connection
                </button>
              </div>
              <div className="connect-live" aria-live="polite">
                <Results test={test} preset={preset} />
              </div>
            </form>
          )}
        </div>
      </div>
    </dialog>
  );
}

/** The "Connect" button and its dialog; focus goes back to the button when the dialog closes. */
export function ConnectButton({ disabled }: { disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button type="button" ref={buttonRef} className="connect-open" disabled={disabled} onClick={() => setOpen(true)}>
        Connect
      </button>
      {open && (
        <ConnectDialog
          onClose={() => {
            setOpen(false);
            buttonRef.current?.focus();
          }}
        />
      )}
    </>
  );
}
