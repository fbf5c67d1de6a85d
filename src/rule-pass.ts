/**
 * The prose rules' pass over a checked value, compiled once per schema name from where the generated
 * contract says named schemas occur (`nestedInstances`). A value that keeps every rule, the common
 * case, is gone through once: one tree of the places any rule applies, each container read once,
 * stopping at the first finding. Only then are the rules applied one after the other, each walking
 * down its own paths, so that issues come rule by rule as they always have. The keys taken are kept
 * on a stack and written out as a pointer only for an issue.
 */
import { nestedInstances, type InstancePath } from "../generated/contract.js";
import type { SchemaName } from "../generated/types.js";
import { escapePointerToken } from "../lib/json-pointer.js";
import type { Issue } from "./issues.js";
import type { RuleLevel } from "./rule-options.js";
import { proseRules, type Finding, type ProseRule } from "./rules.js";

/** Goes down one path from a value to the instances at its end, pushing each key it takes on `trail`. */
type Walk = (value: unknown, trail: string[], visit: (instance: unknown) => void) => void;

interface RuleWalks {
  rule: ProseRule;
  /** One per place an instance the rule applies to occurs, in the order of its `appliesTo`. */
  walks: readonly Walk[];
}

export interface IssueSink {
  add(issue: Issue): void;
}

function compileWalk(path: InstancePath, depth = 0): Walk {
  if (depth === path.length) return (value, _trail, visit) => visit(value);
  const next = compileWalk(path, depth + 1);
  const step = path[depth];
  if (step == null) {
    return (value, trail, visit) => {
      if (typeof value !== "object" || value === null) return;
      for (const key of Object.keys(value)) {
        trail.push(key);
        next((value as Record<string, unknown>)[key], trail, visit);
        trail.pop();
      }
    };
  }
  return (value, trail, visit) => {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, step)) return;
    trail.push(step);
    next((value as Record<string, unknown>)[step], trail, visit);
    trail.pop();
  };
}

type Levels = Readonly<Record<string, RuleLevel>>;

/** The rules that are on, one bit per rule in `proseRules`' order. */
type RuleMask = number;

/** Goes once through every place inside a value where some rule applies, applying each rule that is on there. */
type Sweep = (value: unknown, on: RuleMask) => void;

/** A place in the tree of paths: the rules that apply to the instance there, and the places below it. */
interface Place {
  rules: ProseRule[];
  named: Map<string, Place>;
  /** The place of every key or item. */
  each?: Place;
}

/** Thrown by the sweep at its first finding: the value has issues, to be found again rule by rule. */
const FOUND = Symbol("found");
const stop: Finding = () => {
  throw FOUND;
};

const bit = (rule: ProseRule): RuleMask => 1 << proseRules.indexOf(rule as (typeof proseRules)[number]);

/** The rules at or below a place. */
const rulesUnder = ({ rules, named, each }: Place): RuleMask =>
  rules.reduce((mask, rule) => mask | bit(rule), 0) |
  [...named.values(), ...(each ? [each] : [])].reduce((mask, place) => mask | rulesUnder(place), 0);

function compileSweep(place: Place): Sweep {
  const under = rulesUnder(place);
  const rules = place.rules;
  const bits = rules.map(bit);
  const keys = [...place.named.keys()];
  const below = [...place.named.values()].map(compileSweep);
  const sweepEach = place.each && compileSweep(place.each);
  return (value, on) => {
    // Stryker disable next-line ConditionalExpression: skips a part where no rule that is on applies; going on finds nothing there
    if ((on & under) === 0) return;
    // Stryker disable next-line EqualityOperator,ConditionalExpression: a rule that is off only finds more; levels are set later
    for (let i = 0; i < rules.length; i++) if ((on & bits[i]!) !== 0) rules[i]!.inspect(value, stop);
    if (typeof value !== "object" || value === null) return;
    const object = value as Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) if (Object.hasOwn(object, keys[i]!)) below[i]!(object[keys[i]!], on);
    if (sweepEach !== undefined) for (const key of Object.keys(object)) sweepEach(object[key], on);
  };
}

/** The last levels turned into a mask: the default levels are one object, used by most checks. */
let lastLevels: Levels | undefined;
let lastMask: RuleMask = 0;

function ruleMask(levels: Levels): RuleMask {
  // Stryker disable next-line ConditionalExpression: a cache; working the mask out again gives the same mask
  if (levels !== lastLevels) {
    // Stryker disable next-line ConditionalExpression,StringLiteral: the mask only says whether the rule-by-rule pass (levels set) runs
    lastMask = proseRules.reduce((mask, rule, i) => (levels[rule.id] === "off" ? mask : mask | (1 << i)), 0);
    lastLevels = levels;
  }
  return lastMask;
}

interface Compiled {
  sweep: Sweep;
  ruleWalks: readonly RuleWalks[];
}

const compiled = new Map<SchemaName, Compiled>();

/** The sweep and the walks of each rule for the named schema, compiled the first time one is checked. */
function compiledFor(name: SchemaName): Compiled {
  let found = compiled.get(name);
  // Stryker disable next-line ConditionalExpression: a cache; compiling again gives the same sweep and walks
  if (found === undefined) {
    const inside = nestedInstances[name];
    const root: Place = { rules: [], named: new Map() };
    // Stryker disable next-line MethodExpression: a rule with no walks here walks nothing; leaving it out only saves a loop
    const ruleWalks = proseRules
      .map((rule) => {
        const paths = rule.appliesTo.flatMap((target) => inside[target] ?? []);
        for (const path of paths) placeAt(root, path).rules.push(rule);
        return { rule, walks: paths.map((path) => compileWalk(path)) };
      })
      // Stryker disable next-line ConditionalExpression,EqualityOperator: the same: a rule with no walks walks nothing
      .filter(({ walks }) => walks.length > 0);
    found = { sweep: compileSweep(root), ruleWalks };
    compiled.set(name, found);
  }
  return found;
}

function placeAt(root: Place, path: InstancePath): Place {
  let place = root;
  for (const step of path) {
    let next = step == null ? place.each : place.named.get(step);
    if (next === undefined) {
      next = { rules: [], named: new Map() };
      if (step == null) place.each = next;
      else place.named.set(step, next);
    }
    place = next;
  }
  return place;
}

/** One pass at a time: a getter that checks another value while a pass is under way gets a pass of its own. */
class RulePass {
  // Stryker disable next-line BooleanLiteral: a pass taken for busy only makes the check use one of its own
  busy = false;
  private readonly trail: string[] = [];
  private rule!: ProseRule;
  private severity!: Issue["severity"];
  private sink?: IssueSink;

  private readonly found: Finding = (message, ...tokens) => {
    let pointer = "";
    for (const token of this.trail) pointer += `/${escapePointerToken(token)}`;
    for (const token of tokens) pointer += `/${escapePointerToken(token)}`;
    this.sink!.add({ pointer, message, rule: this.rule.id, severity: this.severity });
  };

  private readonly visit = (instance: unknown) => this.rule.inspect(instance, this.found);

  run(ruleWalks: readonly RuleWalks[], value: unknown, levels: Levels, sink: IssueSink): void {
    this.busy = true;
    this.sink = sink;
    try {
      for (const { rule, walks } of ruleWalks) {
        const level = levels[rule.id]!;
        if (level === "off") continue;
        this.rule = rule;
        this.severity = level;
        for (const walk of walks) walk(value, this.trail, this.visit);
      }
    } catch (thrown) {
      // A walk that threw (a getter, a Proxy trap) leaves its keys behind.
      this.trail.length = 0;
      throw thrown;
    } finally {
      this.sink = undefined;
      // Stryker disable next-line BooleanLiteral: a pass left busy only makes later checks use passes of their own
      this.busy = false;
    }
  }
}

const shared = /* @__PURE__ */ new RulePass();

/** Applies the prose rules at their levels to every instance they apply to inside a value of the named schema. */
export function applyProseRules(name: SchemaName, value: unknown, levels: Levels, sink: IssueSink): void {
  const { sweep, ruleWalks } = compiledFor(name);
  try {
    return sweep(value, ruleMask(levels));
  } catch (thrown) {
    if (thrown !== FOUND) throw thrown;
  }
  (shared.busy ? new RulePass() : shared).run(ruleWalks, value, levels, sink);
}
