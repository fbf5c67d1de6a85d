/**
 * What a config file may hold, checked by hand rather than by a schema validator, so the command needs
 * nothing more at run time. It is driven by the same tables as the command line (the rule table, the
 * schema names), and the shipped `config.schema.json` is tested to agree with it.
 */
import { schemaNames } from "../../generated/contract.js";
import type { SchemaName } from "../../generated/types.js";
import { childPointer } from "../../lib/json-pointer.js";
import { isJsonObject, type JsonObject } from "../../lib/json-value.js";
import { quoted } from "../issues.js";
import { contractRules, RULE_LEVELS, type RuleLevels } from "../rule-options.js";

/** validate's settings a config file can hold; each one a flag can override. */
export interface ValidateConfig {
  rules?: RuleLevels;
  strict?: boolean;
  maxWarnings?: number;
  maxIssues?: number;
  schema?: SchemaName;
}

/** What is wrong with a config, and where in it. */
export interface ConfigProblem {
  pointer: string;
  problem: string;
}

type Check = (value: unknown, pointer: string) => ConfigProblem | undefined;

const ruleIds = contractRules.map((rule) => rule.id);

const describe = (value: unknown): string =>
  typeof value === "string"
    ? quoted(value)
    : typeof value === "number" || typeof value === "boolean" || value === null
      ? String(value)
      : Array.isArray(value)
        ? "an array"
        : typeof value;

const oneOf =
  (known: readonly string[], what: string): Check =>
  (value, pointer) =>
    typeof value === "string" && known.includes(value)
      ? undefined
      : { pointer, problem: `${what} is one of ${known.join(", ")}, not ${describe(value)}` };

const wholeNumber =
  (min: number): Check =>
  (value, pointer) =>
    Number.isSafeInteger(value) && (value as number) >= min
      ? undefined
      : { pointer, problem: `takes a whole number of at least ${min}, not ${describe(value)}` };

const boolean: Check = (value, pointer) =>
  typeof value === "boolean" ? undefined : { pointer, problem: `takes true or false, not ${describe(value)}` };

/** An object whose keys are all known, each value passing its key's check. */
function objectOf(what: string, keys: readonly string[], check: (key: string) => Check): Check {
  return (value, pointer) => {
    if (!isJsonObject(value)) return { pointer, problem: `${what} is an object, not ${describe(value)}` };
    for (const [key, entry] of Object.entries(value)) {
      const at = childPointer(pointer, key);
      if (!keys.includes(key)) return { pointer: at, problem: `${what} has no key ${quoted(key)}; the keys are: ${keys.join(", ")}` };
      const problem = check(key)(entry, at);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
}

const SETTINGS: Readonly<Record<keyof ValidateConfig, Check>> = {
  rules: objectOf("rules", ruleIds, () => oneOf(RULE_LEVELS, "a rule's level")),
  strict: boolean,
  maxWarnings: wholeNumber(0),
  maxIssues: wholeNumber(1),
  schema: oneOf(schemaNames, "schema"),
};

const checkConfig = objectOf("the config", Object.keys(SETTINGS), (key) => SETTINGS[key as keyof ValidateConfig]);

/** The config, or the first problem with it; `pointer` is where the config sits in its file ("" for a file of its own). */
export function readConfig(value: unknown, pointer: string): { config: ValidateConfig } | ConfigProblem {
  const problem = checkConfig(value, pointer);
  return problem ?? { config: value as JsonObject as ValidateConfig };
}
