import { useEffect, useId, useRef, useState } from 'react';
import { CacheSettings } from './CacheSettings';
import { ConnectButton } from './connect/ConnectDialog';
import { EndpointSettings, GenerationSettings } from './SettingsPanel';
import { EssentialVerificationSettings, VerificationSettings } from './VerificationSettings';

/** Below this width the viewer is one column and the settings become a drawer (matches styles.css). */
export const DRAWER_QUERY = '(max-width: 900px)';

function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(query).matches);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const list = window.matchMedia(query);
    const onChange = () => setMatches(list.matches);
    onChange();
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}

/**
 * The viewer's settings. First load shows what people change (the model, verify interval, policy,
 * checkpoint interval); every other setting is under "More settings". On a narrow screen the
 * whole panel is a drawer, closed until the Settings button opens it, so it never covers the run.
 */
export function SettingsSidebar({ live }: { live: boolean }) {
  const drawer = useMediaQuery(DRAWER_QUERY);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const shown = !drawer || open;

  const close = () => {
    setOpen(false);
    toggleRef.current?.focus();
  };

  // An open drawer takes the focus and makes the page behind it inert, like a dialog.
  useEffect(() => {
    if (!drawer || !open) return;
    const aside = panelRef.current?.closest('aside');
    const behind = aside?.parentElement ? [...aside.parentElement.children].filter((el): el is HTMLElement => el !== aside && el instanceof HTMLElement) : [];
    for (const el of behind) el.inert = true;
    panelRef.current?.querySelector<HTMLElement>('button, select, input')?.focus();
    return () => {
      for (const el of behind) el.inert = false;
    };
  }, [drawer, open]);

  return (
    <aside
      className={`sidebar${drawer ? ' settings-drawer' : ''}${drawer && open ? ' is-open' : ''}`}
      aria-label="Settings"
      onKeyDown={(e) => {
        // Escape closes the drawer; it must not also stop the run (the page's shortcut).
        if (drawer && open && e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      {drawer && (
        <button type="button" ref={toggleRef} className="settings-toggle" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
          Settings
        </button>
      )}
      {drawer && open && <div className="settings-backdrop" aria-hidden="true" onClick={close} />}
      <div id={panelId} ref={panelRef} className="settings-drawer-panel" hidden={!shown} role={drawer ? 'dialog' : undefined} aria-label={drawer ? 'Settings' : undefined}>
        {drawer && (
          <div className="settings-drawer-head">
            <h2>Settings</h2>
            <button type="button" className="button-quiet" onClick={close}>
              Close
            </button>
          </div>
        )}
        <ConnectButton disabled={live} />
        <EndpointSettings disabled={live} />
        <EssentialVerificationSettings />
        <details className="more-settings">
          <summary>More settings</summary>
          <GenerationSettings disabled={live} />
          <VerificationSettings liveRun={live} />
          <CacheSettings />
        </details>
      </div>
    </aside>
  );
}
