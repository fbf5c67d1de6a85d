/**
 * The checks behind every `check<Name>` and `assert<Name>`. A valid value takes the fast path: one
 * precompiled boolean validation, then the prose rules, with no error objects built. Only a value
 * that fails runs the validator that collects all errors.
 */
import type { ErrorObject } from "ajv";
import { nestedInstances, type InstancePath } from "../generated/contract.js";
import type { PrecompiledValidator } from "../generated/validators.js";
import { collectErrors } from "../generated/validators-all-errors.js";
import type { SchemaName } from "../generated/types.js";
import { ContractError, DEFAULT_MAX_ISSUES, type CheckOptions, type CheckResult, type Issue } from "./issues.js";
import { childPointer } from "../lib/json-pointer.js";
import { proseRules } from "./rules.js";

export type Check<T> = (value: unknown, options?: CheckOptions) => CheckResult<T>;

/** Issues up to a cap, counting the errors beyond it, which still make the value invalid. */
class IssueList {
  readonly issues: Issue[] = [];
  errors = 0;
  truncated = false;
  private readonly seen = new Set<string>();

  constructor(readonly max: number) {}

  add(issue: Issue): void {
    // A wrapper schema and the schema it wraps report the same failure twice.
    const key = `${issue.pointer}\0${issue.rule}\0${issue.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (issue.severity === "error") this.errors++;
    if (this.issues.length < this.max) this.issues.push(issue);
    else this.truncated = true;
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

function forEachInstance(
  value: unknown,
  path: InstancePath,
  pointer: string,
  visit: (instance: unknown, pointer: string) => void,
  depth = 0,
): void {
  if (depth === path.length) return visit(value, pointer);
  if (typeof value !== "object" || value === null) return;
  const step = path[depth];
  const children =
    step == null ? Object.entries(value) : Object.hasOwn(value, step) ? [[step, (value as Record<string, unknown>)[step]] as const] : [];
  for (const [key, child] of children) forEachInstance(child, path, childPointer(pointer, key), visit, depth + 1);
}

function applyProseRules(name: SchemaName, value: unknown, list: IssueList): void {
  const inside = nestedInstances[name];
  for (const rule of proseRules) {
    const report = (pointer: string, message: string) => list.add({ pointer, message, rule: rule.id, severity: rule.severity });
    for (const target of rule.appliesTo) {
      for (const path of inside[target as SchemaName] ?? [])
        forEachInstance(value, path, "", (instance, at) => rule.check(instance, at, report));
    }
  }
}

export function checker<T>(name: SchemaName, validate: PrecompiledValidator<T>, collect: PrecompiledValidator<T>): Check<T> {
  return (value, options = {}) => {
    const list = new IssueList(options.maxIssues ?? DEFAULT_MAX_ISSUES);
    if (!validate(value)) {
      // Twice the cap: a wrapper schema and the schema it wraps may report one failure twice.
      const { errors, complete } = collectErrors(collect, value, 2 * list.max + 1);
      for (const error of errors) list.add(schemaIssue(error));
      if (!complete) list.truncated = true;
    }
    if (options.rules !== false) applyProseRules(name, value, list);
    const { issues, truncated } = list;
    return list.errors === 0 ? { valid: true, value: value as T, issues, truncated } : { valid: false, issues, truncated };
  };
}

export function asserter<T>(name: SchemaName, check: Check<T>): (value: unknown, options?: CheckOptions) => asserts value is T {
  return (value, options) => {
    const result = check(value, options);
    if (!result.valid) throw new ContractError(name, result.issues);
  };
}
