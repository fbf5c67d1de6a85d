/**
 * The checks behind every `check<Name>` and `assert<Name>`. A valid value takes the fast path: one
 * precompiled boolean validation, then the prose rules, with no error objects built. Only a value
 * that fails runs the validator that collects all errors. A check never throws: a value whose getter
 * or Proxy trap throws gets `value:unreadable` issues instead.
 *
 * Values are read as JavaScript reads them: the validators look properties up through the prototype
 * chain and list keys with `for…in`, so an enumerable key an object inherits (`Object.create(proto)`)
 * counts as its own, while the prose rules look at own keys, the ones JSON writes.
 */
import type { ErrorObject, PrecompiledValidator } from "../generated/validators.js";
import { collectErrors } from "../generated/validators-all-errors.js";
import type { SchemaName } from "../generated/types.js";
import { ContractError, DEFAULT_MAX_ISSUES, describeThrown, type CheckOptions, type CheckResult, type Issue } from "./issues.js";
import { childPointer } from "../lib/json-pointer.js";
import { ruleLevels, type RuleLevel } from "./rule-options.js";
import { applyProseRules } from "./rule-pass.js";
import { findUnknownKeys, unknownKeyMessage, unknownKeyRule } from "./strict.js";
import { standardProps, type StandardSchema } from "./standard-schema.js";

/** A check, which is also a Standard Schema v1 for `T` (see standard-schema.ts). */
export type Check<T> = ((value: unknown, options?: CheckOptions) => CheckResult<T>) & StandardSchema<T>;

/** Issues up to a cap, counting the errors beyond it, which still make the value invalid. */
class IssueList {
  readonly issues: Issue[] = [];
  errors = 0;
  truncated = false;
  // Made at the first issue: most values have none.
  private seen?: Set<string>;

  constructor(readonly max: number) {}

  /** Whether an issue added now would only be counted: its message need not be written. */
  get full(): boolean {
    return this.issues.length >= this.max;
  }

  add(issue: Issue): void {
    // A wrapper schema and the schema it wraps report the same failure twice. Only listed issues are
    // remembered: past the cap an issue just marks the list truncated (and the value invalid), and
    // remembering each would take memory in proportion to the payload.
    const key = `${issue.pointer}\0${issue.rule}\0${issue.message}`;
    if (this.seen?.has(key)) return;
    // Stryker disable next-line UpdateOperator: only whether the count is 0 is read, and 1 and -1 both are not
    if (issue.severity === "error") this.errors++;
    if (this.issues.length >= this.max) {
      this.truncated = true;
      return;
    }
    (this.seen ??= new Set()).add(key);
    this.issues.push(issue);
  }
}

function schemaIssue(error: ErrorObject): Issue {
  const { keyword, params, instancePath } = error;
  let message = error.message ?? `fails ${keyword}`;
  let pointer = instancePath;
  if (keyword === "enum") message += `: ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(", ")}`;
  if (keyword === "additionalProperties") pointer = childPointer(instancePath, params.additionalProperty as string);
  return { pointer, message, rule: `schema:${keyword}`, severity: "error" };
}

function applyStrictMode(name: SchemaName, value: unknown, list: IssueList, severity: RuleLevel): void {
  if (severity === "off") return;
  findUnknownKeys(name, value, (pointer, key, known) =>
    // Past the cap an issue is only counted, so a payload of a million unknown keys spends nothing on hints.
    // Stryker disable next-line StringLiteral: the message of an issue past the cap is never shown
    list.add({ pointer, message: list.full ? "" : unknownKeyMessage(key, known), rule: unknownKeyRule.id, severity }),
  );
}

/**
 * Every place where reading the value throws, found by reading it all again as the validators do
 * (`for…in` keys, then each property) once a check has thrown: a getter or a Proxy trap that throws
 * is an issue at its pointer, never an exception. What cannot be found again is put at the root.
 */
function unreadableIssues(value: unknown, thrown: unknown, list: IssueList): void {
  const unreadable = (pointer: string, error: unknown) =>
    list.add({ pointer, message: `cannot be read: ${describeThrown(error)}`, rule: "value:unreadable", severity: "error" });
  const seen = new Set<object>();
  const pending: [unknown, string][] = [[value, ""]];
  while (pending.length > 0 && !list.truncated) {
    const [current, pointer] = pending.pop()!;
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    const children: [unknown, string][] = [];
    try {
      for (const key in current) {
        try {
          children.push([(current as Record<string, unknown>)[key], childPointer(pointer, key)]);
        } catch (error) {
          unreadable(childPointer(pointer, key), error);
        }
      }
    } catch (error) {
      unreadable(pointer, error);
    }
    // One push per child: spreading an array of a million items would overflow the stack.
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
  }
  if (list.errors === 0) unreadable("", thrown);
}

function judge<T>(
  name: SchemaName,
  validate: PrecompiledValidator<T>,
  collect: PrecompiledValidator<T>,
  value: unknown,
  options: CheckOptions | undefined,
) {
  // Read before the try below: a bad option is the caller's error, not an issue of the value.
  const levels = ruleLevels(options?.rules);
  const list = new IssueList(options?.maxIssues ?? DEFAULT_MAX_ISSUES);
  try {
    // Stryker disable next-line ConditionalExpression: the fast path; the collecting validator finds nothing in a valid value
    if (!validate(value)) {
      // Twice the cap: a wrapper schema and the schema it wraps may report one failure twice.
      const { errors, complete } = collectErrors(collect, value, 2 * list.max + 1);
      for (const error of errors) list.add(schemaIssue(error));
      if (!complete) list.truncated = true;
    }
    applyProseRules(name, value, levels, list);
    if (options?.strict === true) applyStrictMode(name, value, list, levels[unknownKeyRule.id]!);
    return list;
  } catch (thrown) {
    const unreadable = new IssueList(list.max);
    unreadableIssues(value, thrown, unreadable);
    return unreadable;
  }
}

export function checker<T>(name: SchemaName, validate: PrecompiledValidator<T>, collect: PrecompiledValidator<T>): Check<T> {
  const check = (value: unknown, options?: CheckOptions): CheckResult<T> => {
    const { issues, truncated, errors } = judge(name, validate, collect, value, options);
    return errors === 0 ? { valid: true, value: value as T, issues, truncated } : { valid: false, issues, truncated };
  };
  return Object.assign(check, { "~standard": standardProps(check) });
}

export function asserter<T>(name: SchemaName, check: Check<T>): (value: unknown, options?: CheckOptions) => asserts value is T {
  return (value, options) => {
    const result = check(value, options);
    if (!result.valid) throw new ContractError(name, result.issues);
  };
}
