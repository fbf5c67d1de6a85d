/**
 * `--max-input-size`: the most bytes one payload may have (a JSON file, standard input as one
 * document, or one line of NDJSON). A larger one is that input's failure, not read whole, so memory
 * stays bounded and the run goes on. The limit can be no higher than the longest string V8 can hold.
 */
import { constants } from "node:buffer";

const UNITS: Record<string, number> = { "": 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 };

export const DEFAULT_MAX_INPUT_SIZE = 256 * UNITS.m!;
/** Every byte of UTF-8 decodes to at most one UTF-16 code unit, so a payload within this fits in a string. */
export const MAX_INPUT_SIZE = constants.MAX_STRING_LENGTH;

/** A size written as a whole number of bytes, or of KiB, MiB or GiB (`64K`, `256MiB`, `1G`); undefined if it is none. */
export function parseSize(text: string): number | undefined {
  const match = /^([1-9]\d{0,15})(?:([kmg])(?:ib)?)?$/i.exec(text);
  if (match === null) return undefined;
  return Number(match[1]) * UNITS[(match[2] ?? "").toLowerCase()]!;
}

/** A size as people read it: in the largest of GiB, MiB and KiB it is a whole number of, else in bytes. */
export function formatSize(bytes: number): string {
  for (const [unit, name] of [
    ["g", "GiB"],
    ["m", "MiB"],
    ["k", "KiB"],
  ] as const) {
    if (bytes % UNITS[unit]! === 0) return `${bytes / UNITS[unit]!} ${name}`;
  }
  return `${bytes} bytes`;
}
