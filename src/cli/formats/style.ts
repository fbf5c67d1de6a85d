/**
 * Colour in the pretty format, through `util.styleText`: only on a terminal, unless the environment
 * says otherwise. Node before 20.12 has no styleText, and gets plain text.
 */
import * as util from "node:util";

/** How the parts of a report line look. */
export interface Style {
  error(text: string): string;
  warning(text: string): string;
  rule(text: string): string;
  /** Where an issue is: `file:line:column`. */
  path(text: string): string;
}

const same = (text: string) => text;
export const PLAIN: Style = { error: same, warning: same, rule: same, path: same };

/**
 * Whether a report to this stream is coloured. As Node decides for itself: FORCE_COLOR, when set,
 * decides (`0` or `false` turn colour off, anything else on, even into a pipe or file); otherwise
 * NO_COLOR set to anything but the empty string turns it off (no-color.org), and otherwise only a
 * terminal that is not `TERM=dumb` gets colour.
 */
export function colourWanted(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return isTTY && env.TERM !== "dumb";
}

type Format = Parameters<typeof util.styleText>[0];

export function styleFor(colour: boolean): Style {
  // Typed as always there, but absent before Node 20.12.
  const styleText = util.styleText as typeof util.styleText | undefined;
  if (!colour || typeof styleText !== "function") return PLAIN;
  // The decision is made above; styleText must not make its own from process.stdout.
  const paint = (format: Format) => (text: string) => styleText(format, text, { validateStream: false });
  return { error: paint(["bold", "red"]), warning: paint(["bold", "yellow"]), rule: paint("dim"), path: paint("bold") };
}
