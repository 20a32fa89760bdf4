import { useId, useState } from 'react';
import { keyFor, keyOffer, keyOrigin, type Keyring, type KeyRole } from '../../core/keys/key-scope';
import { PROVIDERS } from '../../lib/settings';

const providerLabel = (id: string) => PROVIDERS.find((p) => p.id === id)?.label ?? id;

/**
 * Asks before a key entered for one origin goes to another: "Use it here" copies it into this
 * slot (core/keys/key-scope's copyKey), "No" leaves this endpoint without a key.
 */
export function KeyOffer({ ring, role, provider, url, what, onAccept }: { ring: Keyring; role: KeyRole; provider: string; url: string; what: string; onAccept: (fromSlot: string) => void }) {
  const [declined, setDeclined] = useState<string[]>([]);
  const offer = keyOffer(ring, role, provider, url);
  const here = keyOrigin(url);
  if (!offer || !here || declined.includes(`${offer.slot}>${here}`)) return null;
  return (
    <div className="key-offer" role="group" aria-label={`Reuse a key at ${here}?`} data-testid={`key-offer-${role}`}>
      <p>
        The {what} you entered for <code>{offer.from.origin}</code> ({providerLabel(offer.from.provider)}) is not sent here. Send it to <code>{here}</code> too?
        Until you say so, requests here carry no key.
      </p>
      <div className="toolbar">
        <button type="button" onClick={() => onAccept(offer.slot)}>
          Use it here
        </button>
        <button type="button" className="button-quiet" onClick={() => setDeclined((d) => [...d, `${offer.slot}>${here}`])}>
          No
        </button>
      </div>
    </div>
  );
}

/**
 * A password field for the key of one role at one endpoint: it shows and edits only the key
 * entered for this provider and the URL's origin, says where the key goes, and offers (never
 * silently reuses) a key entered elsewhere.
 */
export function KeyField({
  label,
  what,
  role,
  provider,
  url,
  ring,
  onChange,
  onAccept,
  hint,
}: {
  label: string;
  what: string;
  role: KeyRole;
  provider: string;
  url: string;
  ring: Keyring;
  onChange: (key: string) => void;
  onAccept: (fromSlot: string) => void;
  hint?: string;
}) {
  const id = useId();
  const hintId = useId();
  const origin = keyOrigin(url);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="password" autoComplete="off" value={keyFor(ring, role, provider, url) ?? ''} disabled={!origin} aria-describedby={hintId} onChange={(e) => onChange(e.target.value)} />
      <small className="hint" id={hintId}>
        {origin ? `Sent only to ${origin}.` : 'Set an http(s) address first: a key is kept for one address.'}
        {hint ? ` ${hint}` : ''}
      </small>
      <KeyOffer ring={ring} role={role} provider={provider} url={url} what={what} onAccept={onAccept} />
    </div>
  );
}
