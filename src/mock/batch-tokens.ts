/**
 * The mock's `next_batch` tokens: derived from the seed and the step, so the same seed always gives
 * the same chain, and a token from another seed, another server or a typo is told apart from a real one.
 */

/** FNV-1a over the text, as eight hex digits: a stable digest, not a secret. */
function digest(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/** A 32-bit integer drawn from the seed and a label: the fast-check seed of one payload. */
export function derivedSeed(seed: number, label: string): number {
  return Number.parseInt(digest(`${seed}:${label}`), 16) | 0;
}

const TOKEN = /^s(\d{1,9})_([0-9a-f]{8})$/;

export interface BatchTokens {
  /** The token that asks for `step`. */
  token(step: number): string;
  /** The step a token asks for, or undefined when this seed never gave it out (or it is past `lastStep`). */
  stepOf(token: string): number | undefined;
}

export function batchTokens(seed: number, lastStep: number): BatchTokens {
  const token = (step: number) => `s${step}_${digest(`${seed}:${step}`)}`;
  return {
    token,
    stepOf(text) {
      const match = TOKEN.exec(text);
      if (match === null) return undefined;
      const step = Number(match[1]);
      return step >= 1 && step <= lastStep && token(step) === text ? step : undefined;
    },
  };
}
