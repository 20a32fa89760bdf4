/**
 * Which key may go to which URL. A key is kept per role (the model endpoint, the judge, the
 * embeddings endpoint), per provider and per origin, and is attached only to a request whose URL
 * has exactly the origin it was entered for. Sending it anywhere else takes an explicit yes from
 * the user, which copies it into the new slot (`copyKey`); nothing here ever falls back to
 * "the last key typed".
 *
 * Pure: no storage, no DOM. The keyring is a plain record so it can be persisted as JSON.
 */

export type KeyRole = 'model' | 'judge' | 'embeddings';

/** slot (`role provider origin`) → key. Insertion order is recency: `setKey` moves a slot last. */
export type Keyring = Readonly<Record<string, string>>;

export type KeyPlace = { role: KeyRole; provider: string; origin: string };

/**
 * The origin a key may be sent to, or null when the address is not an absolute http(s) URL
 * (a half-typed address, `demo://`, `javascript:` …): such an address never gets a key.
 */
export function keyOrigin(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname) return null;
  return parsed.origin;
}

export function keySlot(role: KeyRole, provider: string, url: string): string | null {
  const origin = keyOrigin(url);
  return origin ? `${role} ${provider} ${origin}` : null;
}

export function placeOf(slot: string): KeyPlace {
  const [role, provider, origin] = slot.split(' ');
  return { role: role as KeyRole, provider, origin };
}

/** The rule: the key entered for this role, provider and the URL's own origin, or none at all. */
export function keyFor(ring: Keyring, role: KeyRole, provider: string, url: string): string | undefined {
  const slot = keySlot(role, provider, url);
  const key = slot ? ring[slot] : undefined;
  return key ? key : undefined;
}

/** Enters (or, with an empty key, forgets) the key for this role, provider and URL's origin. */
export function setKey(ring: Keyring, role: KeyRole, provider: string, url: string, key: string): Keyring {
  const slot = keySlot(role, provider, url);
  if (!slot) return ring;
  const { [slot]: _old, ...rest } = ring;
  return key ? { ...rest, [slot]: key } : rest;
}

/**
 * A key of the same role entered elsewhere (the most recent one) that the user may choose to
 * send to this URL too; null when this URL already has its key, has no origin, or there is none.
 */
export function keyOffer(ring: Keyring, role: KeyRole, provider: string, url: string): { slot: string; from: KeyPlace } | null {
  const here = keySlot(role, provider, url);
  if (!here || ring[here]) return null;
  const slots = Object.keys(ring).filter((s) => s !== here && ring[s] && placeOf(s).role === role);
  const slot = slots.at(-1);
  return slot ? { slot, from: placeOf(slot) } : null;
}

/** The user said yes: the key entered for `fromSlot` may also go to this URL's origin. */
export function copyKey(ring: Keyring, fromSlot: string, role: KeyRole, provider: string, url: string): Keyring {
  const key = ring[fromSlot];
  return key ? setKey(ring, role, provider, url, key) : ring;
}

/** Where each stored key may go, for saying exactly what "remember" stores. */
export function keyPlaces(ring: Keyring): KeyPlace[] {
  return Object.keys(ring)
    .filter((s) => ring[s])
    .map(placeOf);
}
