/** The command line, read into what to do, or a usage error that says what is wrong. */
import { operation, schemaNames } from "../../generated/contract.js";
import type { SchemaName } from "../../generated/types.js";
import { DEFAULT_MAX_ISSUES, type CheckOptions } from "../issues.js";
import { readRuleSetting, type RuleLevels } from "../rule-options.js";
import type { ValidateConfig } from "./config-check.js";
import { COMMAND, FORMATS } from "./help.js";
import { DEFAULT_MAX_INPUT_SIZE, MAX_INPUT_SIZE, parseSize } from "./input-size.js";
import type { Shard } from "./inputs.js";
import { choose, quote, readArgs, UsageError } from "./read-args.js";

export { UsageError } from "./read-args.js";

export type Format = (typeof FORMATS)[number];

export interface ValidateOptions {
  paths: string[];
  schema: SchemaName;
  /** `false` for --no-rules, `true` for every rule at its default, or the levels --rule set. */
  rules: NonNullable<CheckOptions["rules"]>;
  strict: boolean;
  /** Fail the run when more warnings than this were reported. */
  maxWarnings?: number;
  maxIssues: number;
  format: Format;
  quiet: boolean;
  jobs?: number;
  /** The most bytes a payload may have. */
  maxInputSize: number;
  /** Check only this share of the inputs. */
  shard?: Shard;
}

export type Command =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "example"; schema: SchemaName }
  | { kind: "rules"; format: "text" | "json" }
  | { kind: "validate"; options: ValidateOptions };

const OPTIONS = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
  schema: { type: "string" },
  "no-rules": { type: "boolean" },
  rule: { type: "string", multiple: true },
  strict: { type: "boolean" },
  "max-warnings": { type: "string" },
  "max-issues": { type: "string" },
  format: { type: "string" },
  quiet: { type: "boolean" },
  jobs: { type: "string" },
  "max-input-size": { type: "string" },
  shard: { type: "string" },
} as const;

const VALIDATE_OPTIONS = new Set([
  "schema",
  "no-rules",
  "rule",
  "strict",
  "max-warnings",
  "max-issues",
  "format",
  "quiet",
  "jobs",
  "max-input-size",
  "shard",
]);

/** A schema's name in any letter case: `syncresponse` is SyncResponse. */
const schemaName = (name: string, where?: string): SchemaName => choose(name, schemaNames, "schema", where, true);

function positiveInteger(option: string, value: string): number {
  if (!/^[1-9]\d*$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new UsageError(`--${option} takes a whole number of at least 1, not ${quote(value)}`);
  return Number(value);
}

/** The config file's levels, each overridden by a --rule for the same rule; --no-rules turns all off. */
export function ruleLevels(settings: readonly string[], noRules: boolean, configured: RuleLevels | undefined): ValidateOptions["rules"] {
  if (noRules) {
    if (settings.length > 0) throw new UsageError("--rule and --no-rules do not go together");
    return false;
  }
  if (settings.length === 0 && configured === undefined) return true;
  const levels: Record<string, string> = { ...configured };
  for (const setting of settings) {
    const read = readRuleSetting(setting);
    if ("problem" in read) throw new UsageError(`--rule ${quote(setting)} ${read.problem}`);
    levels[read.id] = read.level;
  }
  return levels as RuleLevels;
}

function wholeNumber(option: string, value: string): number {
  if (!/^(0|[1-9]\d*)$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new UsageError(`--${option} takes a whole number of at least 0, not ${quote(value)}`);
  return Number(value);
}

function inputSize(value: string): number {
  const size = parseSize(value);
  if (size === undefined || size > MAX_INPUT_SIZE)
    throw new UsageError(
      `--max-input-size takes a size in bytes, or with K, M or G for KiB, MiB or GiB, of at most ${MAX_INPUT_SIZE} bytes; not ${quote(value)}`,
    );
  return size;
}

const COMMANDS = ["validate", "example", "rules"] as const;

/** `i/n`: the i-th of n shards, counted from 1 as test runners count them. Standard input is one stream, which no shard can split. */
function shardOption(value: string, paths: readonly string[]): Shard {
  const [, index, count] = /^(\d{1,9})\/(\d{1,9})$/.exec(value) ?? [];
  const shard = { index: Number(index), count: Number(count) };
  if (index === undefined || shard.index < 1 || shard.index > shard.count)
    throw new UsageError(`--shard takes i/n, shard i of n counted from 1 (1/3, 2/3, 3/3), not ${quote(value)}`);
  if (paths.includes("-")) throw new UsageError("--shard splits files among jobs: it cannot take standard input (-)");
  return shard;
}

function rulesCommand(rest: readonly string[], given: readonly string[], format: string | undefined): Command {
  const stray = given.find((name) => name !== "format");
  if (stray !== undefined) throw new UsageError(`--${stray} is not an option of rules`);
  if (rest.length > 0) throw new UsageError(`rules takes no arguments, not ${quote(rest[0]!)}`);
  if (format !== undefined && format !== "text" && format !== "json")
    throw new UsageError(`rules prints text or json, not ${quote(format)}`);
  return { kind: "rules", format: format ?? "text" };
}

/** The command line read; `config` is asked for the config file's settings only when the command is validate. */
export function parseCommand(argv: readonly string[], config: () => ValidateConfig = () => ({})): Command {
  const { values, positionals } = readArgs(argv, OPTIONS, true);
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  const [first, ...rest] = positionals;
  if (first === undefined) throw new UsageError("no command given");
  const command = choose(first, COMMANDS, "command");
  const given = Object.keys(values);
  if (command === "example") {
    if (given.length > 0) throw new UsageError(`--${given[0]} is not an option of example`);
    if (rest.length > 1) throw new UsageError(`example takes one schema name, not ${rest.length}`);
    return { kind: "example", schema: schemaName(rest[0] ?? operation.responseName) };
  }
  if (command === "rules") return rulesCommand(rest, given, values.format);
  const stray = given.find((name) => !VALIDATE_OPTIONS.has(name));
  if (stray !== undefined) throw new UsageError(`--${stray} is not an option of validate`);
  if (rest.length === 0) throw new UsageError(`validate needs a path: a file, a directory, a glob pattern, or - for standard input`);
  const shard = values.shard === undefined ? undefined : shardOption(values.shard, rest);
  const file = config();
  const maxWarnings = values["max-warnings"] === undefined ? file.maxWarnings : wholeNumber("max-warnings", values["max-warnings"]);
  return {
    kind: "validate",
    options: {
      paths: rest,
      schema: values.schema === undefined ? (file.schema ?? operation.responseName) : schemaName(values.schema, "--schema"),
      rules: ruleLevels(values.rule ?? [], values["no-rules"] === true, file.rules),
      strict: values.strict === true || file.strict === true,
      ...(maxWarnings !== undefined && { maxWarnings }),
      maxIssues:
        values["max-issues"] === undefined ? (file.maxIssues ?? DEFAULT_MAX_ISSUES) : positiveInteger("max-issues", values["max-issues"]),
      format: values.format === undefined ? "pretty" : choose(values.format, FORMATS, "format", "--format"),
      quiet: values.quiet === true,
      ...(values.jobs !== undefined && { jobs: positiveInteger("jobs", values.jobs) }),
      maxInputSize: values["max-input-size"] === undefined ? DEFAULT_MAX_INPUT_SIZE : inputSize(values["max-input-size"]),
      ...(shard !== undefined && { shard }),
    },
  };
}

export const usageHint = `Run ${COMMAND} --help for usage.`;
