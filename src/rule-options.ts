/**
 * The rules a check applies beside the schema, and the levels a check's `rules` option sets them to:
 * each prose rule, and strict mode's `unknown-key`. Options are read before a check starts, so a
 * misspelt rule id is a `TypeError` naming the known ids, never a rule silently left at its default.
 */
import { quoted } from "./issues.js";
import { proseRules, type RuleDescription } from "./rules.js";
import { unknownKeyRule } from "./strict.js";

export type RuleLevel = "off" | "warning" | "error";

/** The id of every rule a check can report: the prose rules' and `unknown-key`. */
export type RuleId = (typeof proseRules)[number]["id"] | typeof unknownKeyRule.id;

/** A level per rule id; a rule not named, or named with `undefined`, keeps its default severity. */
export type RuleLevels = { readonly [Id in RuleId]?: RuleLevel | undefined };

type ContractRule = RuleDescription & { id: RuleId };

// Marked pure, as the tables below are, so that a bundle importing only the validators drops them.
/** Every rule, for people: the prose rules in the spec's order, then strict mode's. */
export const contractRules: readonly ContractRule[] = /* @__PURE__ */ (proseRules as readonly ContractRule[]).concat(unknownKeyRule);

export const RULE_LEVELS: readonly RuleLevel[] = ["off", "warning", "error"];

const ruleIds: readonly string[] = /* @__PURE__ */ contractRules.map((rule) => rule.id);

type Levels = Readonly<Record<string, RuleLevel>>;

const DEFAULT_LEVELS: Levels = /* @__PURE__ */ Object.fromEntries(/* @__PURE__ */ contractRules.map((rule) => [rule.id, rule.severity]));
const ALL_OFF: Levels = /* @__PURE__ */ Object.fromEntries(/* @__PURE__ */ contractRules.map((rule) => [rule.id, "off"]));

/** The level of each rule for a check's `rules` option; a `TypeError` for an option that names no rule or no level. */
export function ruleLevels(rules: unknown): Levels {
  if (rules === undefined || rules === true) return DEFAULT_LEVELS;
  if (rules === false) return ALL_OFF;
  if (typeof rules !== "object" || rules === null || Array.isArray(rules)) {
    throw new TypeError(`check options: rules takes true, false or an object of rule ids and levels, not ${describe(rules)}`);
  }
  const levels: Record<string, RuleLevel> = { ...DEFAULT_LEVELS };
  for (const [id, level] of Object.entries(rules)) {
    if (!ruleIds.includes(id)) throw new TypeError(`check options: unknown rule ${quoted(id)}; the rules are: ${ruleIds.join(", ")}`);
    if (level === undefined) continue;
    if (!(RULE_LEVELS as readonly unknown[]).includes(level)) {
      throw new TypeError(`check options: rule ${id} takes ${RULE_LEVELS.join(", ")}, not ${describe(level)}`);
    }
    levels[id] = level as RuleLevel;
  }
  return levels;
}

const describe = (value: unknown): string =>
  typeof value === "string" ? quoted(value) : Array.isArray(value) ? "an array" : String(typeof value);

/** `ID=LEVEL`, as the command takes it, read into a rule id and a level, or a message saying what is wrong with it. */
export function readRuleSetting(text: string): { id: RuleId; level: RuleLevel } | { problem: string } {
  const at = text.lastIndexOf("=");
  const id = text.slice(0, Math.max(at, 0));
  const level = RULE_LEVELS.find((known) => known === text.slice(at + 1));
  if (at === -1 || level === undefined) return { problem: `takes ID=LEVEL, LEVEL one of ${RULE_LEVELS.join(", ")}` };
  const rule = contractRules.find((known) => known.id === id);
  if (rule === undefined) return { problem: `names no rule ${quoted(id)}; the rules are: ${ruleIds.join(", ")}` };
  return { id: rule.id, level };
}
