import { existsSync } from 'node:fs';

/** Debian's Chromium, or $CHROMIUM_PATH. Tests never download a browser. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium found for the end-to-end tests. Install Debian\'s: `sudo apt-get install -y chromium` ' +
        '(gives /usr/bin/chromium), or point CHROMIUM_PATH at an existing Chromium or Chrome binary. ' +
        'Tests never download a browser.',
    );
  }
  return found;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
