/**
 * The command line read into options and arguments, every mistake a usage error a person can act on.
 * `util.parseArgs` explains its own errors in its own wording (quotes that do not balance, an option
 * value starting with `-` called "ambiguous", no suggestion), so the arguments are checked here first
 * and handed to it only in a form it cannot refuse, for its typed values.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { displayText, escapeControls, shorten } from "../../lib/display-text.js";
import { closestKey } from "../strict-suggest.js";

/** A mistake in the command line: exit code 2, with the message and a pointer to --help. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A value from the command line quoted in a message: shortened, in JSON's quotes and escapes, the rest of the controls escaped. */
export const quote = (value: string): string => escapeControls(JSON.stringify(shorten(value)));

/**
 * `value` when it is one of `known` (in any letter case with `ignoreCase`), else a usage error saying
 * what it is not, `where` it was given, and the nearest known name, or all of them when none is near.
 */
export function choose<T extends string>(value: string, known: readonly T[], noun: string, where = "", ignoreCase = false): T {
  const found = known.find((name) => name === value || (ignoreCase && name.toLowerCase() === value.toLowerCase()));
  if (found !== undefined) return found;
  // Suggested in any letter case: `SARIF` is one letter case from `sarif`, not five edits.
  const folded = known.map((name) => name.toLowerCase());
  const near = closestKey(value.toLowerCase(), folded);
  const hint = near === undefined ? `the ${noun}s are: ${known.join(", ")}` : `did you mean ${known[folded.indexOf(near)]}?`;
  throw new UsageError(`${where === "" ? "" : `${where}: `}unknown ${noun} ${quote(value)}; ${hint}`);
}

type Options = NonNullable<ParseArgsConfig["options"]>;

function unknownOption(arg: string, options: Options): UsageError {
  const shown = displayText(arg.split("=")[0]!);
  const near = closestKey(arg.replace(/^-+/, "").split("=")[0]!, Object.keys(options));
  return new UsageError(`unknown option ${shown}${near === undefined ? "" : `; did you mean --${near}?`}`);
}

/** The option an argument names, `--name`, `--name=value` or a short `-x`, or undefined when it names none. */
function optionName(arg: string, options: Options): string | undefined {
  if (!arg.startsWith("--")) return Object.keys(options).find((name) => options[name]!.short === arg.slice(1));
  const name = arg.slice(2).split("=")[0]!;
  return Object.hasOwn(options, name) ? name : undefined;
}

/** The option's value: after `=`, or the next argument, which must not be an option itself. */
function optionValue(argv: readonly string[], i: number, name: string): string {
  const arg = argv[i]!;
  const equals = arg.startsWith("--") ? arg.indexOf("=") : -1;
  if (equals !== -1) return arg.slice(equals + 1);
  const next = argv[i + 1];
  if (next === undefined) throw new UsageError(`--${name} needs a value`);
  // A value may start with one dash (`-1`, `-` for standard input) but not with two.
  if (next.startsWith("--")) {
    throw new UsageError(`--${name} needs a value before ${displayText(next)} (write --${name}=${displayText(next)} if that is the value)`);
  }
  return next;
}

/**
 * The arguments as `util.parseArgs` reads them, strictly, or the first mistake in them as a usage
 * error: an unknown option (with the nearest known one), a missing value, a value for a flag, or an
 * argument where only options are taken. `--` ends the options; `-` alone is an argument.
 */
export function readArgs<T extends Options>(argv: readonly string[], options: T, positionals: boolean) {
  const plain: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--" || arg === "-" || !arg.startsWith("-")) {
      const rest = arg === "--" ? argv.slice(i + 1) : [arg];
      if (!positionals && rest.length > 0) throw new UsageError(`unexpected argument ${quote(rest[0]!)}: only options are taken`);
      if (arg === "--") {
        plain.push(...argv.slice(i));
        break;
      }
      plain.push(arg);
      continue;
    }
    const name = optionName(arg, options);
    if (name === undefined) throw unknownOption(arg, options);
    if (options[name]!.type === "boolean") {
      if (arg.includes("=")) throw new UsageError(`--${name} takes no value, not ${quote(arg.slice(arg.indexOf("=") + 1))}`);
      plain.push(`--${name}`);
      continue;
    }
    const value = optionValue(argv, i, name);
    if (!arg.includes("=")) i++;
    plain.push(`--${name}=${value}`);
  }
  return parseArgs({ args: plain, options, allowPositionals: positionals, strict: true });
}
