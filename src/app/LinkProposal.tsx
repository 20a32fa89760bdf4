import { PROVIDERS } from '../lib/settings';
import { acceptProposal, dismissLinkNotes, ignoreProposal, useShareLink } from '../lib/share-link';

/**
 * What the share link this tab was opened with proposes: its endpoint waits here for "Use it"
 * (nothing is saved or sent to it before), and whatever of the link was cut or clamped is said.
 */
export function LinkProposal() {
  const proposal = useShareLink((s) => s.proposal);
  const notes = useShareLink((s) => s.notes);
  if (!proposal && !notes.length) return null;
  const label = proposal ? (PROVIDERS.find((p) => p.id === proposal.provider)?.label ?? proposal.provider) : '';
  return (
    <section className="link-proposal" aria-label="Share link">
      {proposal && (
        <div className="link-proposal-row" data-testid="link-proposal">
          <p>
            This link proposes endpoint <code>{proposal.provider === 'demo' ? 'the built-in demo model' : proposal.baseUrl}</code> (provider {label}
            {proposal.model ? (
              <>
                , model <code>{proposal.model}</code>
              </>
            ) : null}
            ). Nothing has been sent to it; your settings are unchanged until you choose.
          </p>
          <div className="toolbar">
            <button type="button" className="button-primary" onClick={acceptProposal}>
              Use it
            </button>
            <button type="button" onClick={ignoreProposal}>
              Ignore
            </button>
          </div>
        </div>
      )}
      {notes.length > 0 && (
        <div className="link-proposal-row" data-testid="link-notes">
          <ul>
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <button type="button" className="button-quiet" onClick={dismissLinkNotes}>
            Dismiss
          </button>
        </div>
      )}
    </section>
  );
}
