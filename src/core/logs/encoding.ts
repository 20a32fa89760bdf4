/**
 * Which text encoding a log file's first bytes are in, so the decode step can pick its decoder
 * before parsing: spreadsheet exports are often UTF-16 ("Unicode text", with a byte-order mark)
 * or Windows-1252 (legacy "CSV"), and read as UTF-8 they look binary.
 *
 * - A byte-order mark decides: EF BB BF UTF-8, FF FE UTF-16 LE, FE FF UTF-16 BE.
 * - Without one, UTF-16 shows as a zero byte in every other position (ASCII text): zeros at odd
 *   offsets → LE, at even offsets → BE (at least 40 % of the 2-byte units, under 5 % on the other side).
 * - Otherwise UTF-8 when the bytes are valid UTF-8 (a sequence cut by the end of the window is
 *   fine unless the file ends there), else Windows-1252, the usual legacy encoding (it maps every
 *   byte, so it never fails).
 * Only the window is looked at; a file that turns invalid later is decoded as its start says.
 */

export type TextEncodingId = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type EncodingGuess = {
  encoding: TextEncodingId;
  bom: boolean;
  /** Why, in words, when it is not plain UTF-8. */
  reason?: string;
};

/** How many leading bytes the decode step collects before deciding. */
export const ENCODING_SNIFF_BYTES = 64 * 1024;

/** Offset of the first byte that breaks UTF-8 in `bytes`, or -1; an incomplete sequence at the end counts only when `isEnd`. */
export function firstInvalidUtf8(bytes: Uint8Array, isEnd: boolean): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) {
      // The sequence runs past the window: fine if what is there continues it and more may follow.
      if (isEnd) return i;
      for (let k = i + 1; k < n; k++) if ((bytes[k] & 0xc0) !== 0x80) return i;
      return -1;
    }
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

export function detectEncoding(head: Uint8Array, isEnd: boolean): EncodingGuess {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true, reason: 'UTF-16 LE byte-order mark' };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true, reason: 'UTF-16 BE byte-order mark' };
  const units = Math.floor(Math.min(head.length, 4096) / 2);
  if (units >= 2) {
    let evenZero = 0;
    let oddZero = 0;
    for (let u = 0; u < units; u++) {
      if (head[2 * u] === 0) evenZero++;
      if (head[2 * u + 1] === 0) oddZero++;
    }
    if (oddZero >= 0.4 * units && evenZero < 0.05 * units) return { encoding: 'utf-16le', bom: false, reason: 'a zero byte after every other byte (UTF-16 LE without a byte-order mark)' };
    if (evenZero >= 0.4 * units && oddZero < 0.05 * units) return { encoding: 'utf-16be', bom: false, reason: 'a zero byte before every other byte (UTF-16 BE without a byte-order mark)' };
  }
  const bad = firstInvalidUtf8(head, isEnd);
  if (bad === -1) return { encoding: 'utf-8', bom: false };
  return { encoding: 'windows-1252', bom: false, reason: `not valid UTF-8 (byte 0x${head[bad].toString(16).padStart(2, '0')} at offset ${bad}), so read as Windows-1252` };
}

const NAMES: Record<TextEncodingId, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', 'windows-1252': 'Windows-1252' };

/** A line for the file's messages when the encoding is not plain UTF-8; undefined otherwise. */
export function encodingMessage(guess: EncodingGuess): string | undefined {
  if (!guess.reason) return undefined;
  return `Decoded as ${NAMES[guess.encoding]}: ${guess.reason}.`;
}

/** Windows-1252's 0x80–0x9F (the rest is Latin-1); 0xFFFD for its five unassigned bytes. */
const CP1252_HIGH = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
  0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
];

/**
 * A Windows-1252 decoder with TextDecoder's `decode` shape. Written out because Node's TextDecoder
 * decodes the label as Latin-1 (0x93 becomes a control character, not “); one byte is one
 * character, so streaming needs no state.
 */
export function windows1252Decoder(): { decode(bytes?: Uint8Array, options?: { stream?: boolean }): string } {
  return {
    decode(bytes) {
      if (!bytes) return '';
      let out = '';
      for (let i = 0; i < bytes.length; i += 8192) {
        const part = bytes.subarray(i, i + 8192);
        const codes = new Array<number>(part.length);
        for (let j = 0; j < part.length; j++) {
          const b = part[j];
          codes[j] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : b;
        }
        out += String.fromCharCode(...codes);
      }
      return out;
    },
  };
}
