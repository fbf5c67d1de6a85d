/**
 * Bytes to text. JSON text must be UTF-8 (RFC 8259), and decoding turns each byte that is not into
 * U+FFFD without a word, so the first such byte is found and reported instead. File names need not
 * be UTF-8 either: they are shown with such bytes written as `\xNN`.
 */
import { isUtf8 } from "node:buffer";

/** The first byte of a text that is not UTF-8: its value, and where its U+FFFD is in the text. */
export interface InvalidUtf8 {
  /** The offset in the decoded text, in UTF-16 code units. */
  offset: number;
  byte: number;
}

/** A payload's text, decoded from UTF-8. */
export interface DecodedText {
  text: string;
  invalid?: InvalidUtf8;
}

/** A payload larger than --max-input-size, which was not read whole. */
export interface TooLarge {
  tooLarge: true;
}

export type PayloadText = DecodedText | TooLarge;

const CONTINUATION = { low: 0x80, high: 0xbf };

/** The range the byte after `lead` must be in, and how many bytes follow `lead`; undefined for a byte no character starts with. */
function leadByte(lead: number): { follow: number; low: number; high: number } | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return { follow: 1, ...CONTINUATION };
  // No overlong forms (E0, F0), no surrogates (ED), nothing beyond U+10FFFF (F4).
  if (lead === 0xe0) return { follow: 2, low: 0xa0, high: 0xbf };
  if (lead === 0xed) return { follow: 2, low: 0x80, high: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { follow: 2, ...CONTINUATION };
  if (lead === 0xf0) return { follow: 3, low: 0x90, high: 0xbf };
  if (lead === 0xf4) return { follow: 3, low: 0x80, high: 0x8f };
  if (lead >= 0xf1 && lead <= 0xf3) return { follow: 3, ...CONTINUATION };
  return undefined;
}

/** The index of the first byte of `bytes` that does not begin a well-formed UTF-8 character, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  for (let i = from; i < bytes.length;) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const form = leadByte(lead);
    if (form === undefined || i + form.follow >= bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < form.low || second > form.high) return i;
    for (let k = 2; k <= form.follow; k++) {
      const next = bytes[i + k]!;
      if (next < CONTINUATION.low || next > CONTINUATION.high) return i;
    }
    i += form.follow + 1;
  }
  return -1;
}

/** `bytes` as text, with where the first byte that is not UTF-8 is, if one is. */
export function decodeUtf8(bytes: Buffer): DecodedText {
  const text = bytes.toString("utf8");
  if (isUtf8(bytes)) return { text };
  const at = firstInvalidUtf8(bytes);
  // Everything before it is UTF-8, so it decodes alone to what the whole text starts with.
  return { text, invalid: { offset: bytes.toString("utf8", 0, at).length, byte: bytes[at]! } };
}

/** A name read as bytes, as text: UTF-8 where it is, each other byte as `\xNN`. */
export function displayBytes(bytes: Buffer): string {
  let shown = "";
  let start = 0;
  for (let bad = firstInvalidUtf8(bytes); bad !== -1; bad = firstInvalidUtf8(bytes, start)) {
    shown += `${bytes.toString("utf8", start, bad)}\\x${bytes[bad]!.toString(16).padStart(2, "0")}`;
    start = bad + 1;
  }
  return shown + bytes.toString("utf8", start);
}
