import { describe, expect, it } from 'vitest';
import { detectEncoding, encodingMessage, firstInvalidUtf8, windows1252Decoder } from '../../../src/core/logs/encoding';

const bytes = (...b: number[]) => Uint8Array.from(b);
const utf16le = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
const utf16be = (s: string) => {
  const le = utf16le(s);
  const be = new Uint8Array(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return be;
};

describe('detectEncoding', () => {
  it('follows a byte-order mark', () => {
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf, 0x61), false)).toEqual({ encoding: 'utf-8', bom: true });
    expect(detectEncoding(bytes(0xff, 0xfe, 0x61, 0), false)).toMatchObject({ encoding: 'utf-16le', bom: true });
    expect(detectEncoding(bytes(0xfe, 0xff, 0, 0x61), false)).toMatchObject({ encoding: 'utf-16be', bom: true });
  });

  it('recognises UTF-16 without a mark by its zero bytes', () => {
    const text = 'steps,latency_ms,status\n3,1000,ok\n';
    expect(detectEncoding(utf16le(text), true)).toMatchObject({ encoding: 'utf-16le', bom: false });
    expect(detectEncoding(utf16be(text), true)).toMatchObject({ encoding: 'utf-16be', bom: false });
  });

  it('keeps valid UTF-8 (multi-byte too) as UTF-8, and a sequence cut by the window only when more may follow', () => {
    const euro = new Uint8Array(Buffer.from('prix €, modèle\n', 'utf8'));
    expect(detectEncoding(euro, true)).toEqual({ encoding: 'utf-8', bom: false });
    const cut = euro.subarray(0, 7); // "prix " + the first two of € (e2 82 ac)
    expect(firstInvalidUtf8(cut, false)).toBe(-1);
    expect(firstInvalidUtf8(cut, true)).toBe(5);
    expect(detectEncoding(cut, false).encoding).toBe('utf-8');
  });

  it('reads bytes that are not UTF-8 as Windows-1252 and says why', () => {
    // "caf\xe9" (é in Windows-1252/Latin-1) and the curly quotes 0x93 0x94.
    const g = detectEncoding(bytes(0x63, 0x61, 0x66, 0xe9, 0x2c, 0x93, 0x78, 0x94, 0x0a), true);
    expect(g).toMatchObject({ encoding: 'windows-1252', bom: false });
    expect(encodingMessage(g)).toBe('Decoded as Windows-1252: not valid UTF-8 (byte 0xe9 at offset 3), so read as Windows-1252.');
    expect(encodingMessage(detectEncoding(bytes(0x61), true))).toBeUndefined();
  });

  it('rejects overlong forms, surrogates and stray continuation bytes as UTF-8', () => {
    expect(firstInvalidUtf8(bytes(0xc0, 0xaf), true)).toBe(0);
    expect(firstInvalidUtf8(bytes(0x61, 0xed, 0xa0, 0x80), true)).toBe(1);
    expect(firstInvalidUtf8(bytes(0x80), true)).toBe(0);
    expect(firstInvalidUtf8(bytes(0xf0, 0x9f, 0x99, 0x82), true)).toBe(-1);
  });
});

describe('windows1252Decoder', () => {
  it('maps 0x80–0x9F to their Windows-1252 characters and the rest as Latin-1', () => {
    const d = windows1252Decoder();
    expect(d.decode(Uint8Array.from([0x93, 0x61, 0x94, 0x80, 0xe9, 0x96, 0x85, 0x81]))).toBe('“a”€é–…\ufffd');
    expect(d.decode()).toBe('');
  });
});
