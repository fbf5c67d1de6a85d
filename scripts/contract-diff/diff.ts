/**
 * The contract diff: what changed between two OpenAPI documents of the operation, each change
 * classified as breaking or not for clients (they send the query and read the response) and for
 * servers (they read the query and send the response). contract.ts reads what of each document is
 * compared; this module compares and classifies.
 *
 * The documents are compared by meaning, not by text: the query parameters, and the 200 response
 * body with every `#/components/schemas/*` reference resolved and every `allOf` merged, so moving a
 * schema into a file of its own is no change. Annotations (descriptions, examples, the top-level
 * `x-generated` provenance) are not part of the contract. A change inside a schema that occurs in
 * several places is listed at each; an array's items (`*` in a location) described on one side only
 * count as a property added or removed, a map's values (`additionalProperties`) as a change of
 * openness. Named types are the names generated/types.ts declares, found by the same operation
 * extraction and naming as stage 4 of the pipeline.
 *
 * How each change is classified, and why:
 * Response (servers send, clients read)
 * - property added, optional: safe for both; clients skip keys they do not know, servers need not send it.
 * - property added, required: breaks servers, which must now send it; clients only gain a key.
 * - property removed: breaks clients, which may read it; servers may go on sending it (extra keys are allowed).
 * - property made required: breaks servers, which may leave it out; made optional: breaks clients, which may count on it.
 * - enum value added: breaks clients, which may not handle it; servers need not send it.
 * - enum value removed: breaks servers, which may still send it; clients handle one case fewer.
 * Query (clients send, servers read)
 * - parameter added, optional: safe for both; clients need not send it, servers that ignore it still answer.
 * - parameter added, required: breaks clients, whose requests lack it; servers only gain an input.
 * - parameter removed: breaks clients, which relied on its effect; servers may go on reading it.
 * - parameter made required: breaks clients, which may leave it out; made optional: breaks servers, which must now do without it.
 * - enum value removed: breaks clients, which may still send it; enum value added: breaks servers, which must now accept it.
 * Either side: a value's allowed set narrowing breaks whoever sends the value, widening breaks whoever reads it
 * - type changed: narrowed (number → integer, nullable dropped) breaks the sender; widened (integer →
 *   number, nullable added) breaks the reader; neither (integer → string) breaks both.
 * - enum introduced on a value that had none: narrowed; enum dropped: widened.
 * - openness, the keys an object may have beyond those it lists: from most to fewest, any other key
 *   (`additionalProperties` unsaid or `true`), keys whose values fit a schema, none (`false`). Fewer
 *   is narrowed, more is widened; a schema for other keys that changes is compared inside, at `*`.
 * - any other validation keyword changed (format, pattern, bounds, lengths): breaks both, since which
 *   way the allowed set moved is not worked out.
 * - named type removed (or renamed by a new title): breaks both, code that imports it stops compiling;
 *   named type added: safe for both.
 * - the operation's method, path, base path or access token parameter changed: breaks both.
 */
import { escapePointerToken } from "../../lib/json-pointer.js";
import { sameJson, typeAllowed } from "../../lib/json-schema.js";
import { readContract, type Contract } from "./contract.js";
import { typesWithin, typeText, type ContractShape } from "./shape.js";

export type Side = "clients" | "servers";

export type ChangeKind =
  | "operation-changed"
  | "parameter-added"
  | "parameter-removed"
  | "property-added"
  | "property-removed"
  | "required-added"
  | "required-removed"
  | "type-changed"
  | "enum-value-added"
  | "enum-value-removed"
  | "enum-introduced"
  | "enum-dropped"
  | "constraint-changed"
  | "openness-changed"
  | "named-type-added"
  | "named-type-removed";

export interface ContractChange {
  kind: ChangeKind;
  /** `response /rooms/joined/*\/event_map/*\/sender`, `query ?set_presence`, `type AccountData`, `operation path`. */
  location: string;
  /** What the location held before and after, as text (`integer`, `optional string`, `"offline"`). */
  before?: string;
  after?: string;
  breaks: Record<Side, boolean>;
}

/** The changes from `before` to `after`, two OpenAPI documents as parsed: the operation, the query, the response, then named types. */
export function diffContracts(before: unknown, after: unknown): ContractChange[] {
  return compareContracts(readContract(before, "the earlier document"), readContract(after, "the later document"));
}

export function compareContracts(before: Contract, after: Contract): ContractChange[] {
  const changes: ContractChange[] = [];
  for (const [key, label] of OPERATION_FIELDS) {
    const [was, is] = [before.operation[key], after.operation[key]];
    if (was === is) continue;
    changes.push({ kind: "operation-changed", location: `operation ${label}`, before: String(was), after: String(is), breaks: BOTH() });
  }
  compareShapes(before.query, after.query, [], QUERY, changes);
  compareShapes(before.response, after.response, [], RESPONSE, changes);
  for (const name of before.names.filter((name) => !after.names.includes(name))) {
    changes.push({ kind: "named-type-removed", location: `type ${name}`, breaks: BOTH() });
  }
  for (const name of after.names.filter((name) => !before.names.includes(name))) {
    changes.push({ kind: "named-type-added", location: `type ${name}`, breaks: NEITHER() });
  }
  return changes;
}

const OPERATION_FIELDS = [
  ["method", "method"],
  ["path", "path"],
  ["basePath", "base path"],
  ["accessTokenParameter", "access token parameter"],
] as const;

// Each change gets its own object, so that a caller may change one without touching the others.
const BOTH = () => ({ clients: true, servers: true });
const NEITHER = () => ({ clients: false, servers: false });
const ONLY = (side: Side) => ({ clients: side === "clients", servers: side === "servers" });

/** A property name, or `null` for any key of a map or any item of an array. */
type Step = string | null;

/** Which way values flow at a place in the contract, and what its members are called there. */
interface Flow {
  sender: Side;
  reader: Side;
  added: ChangeKind;
  removed: ChangeKind;
  location(path: Step[]): string;
}

const pointer = (path: Step[]) => path.map((step) => `/${step === null ? "*" : escapePointerToken(step)}`).join("");

const RESPONSE: Flow = {
  sender: "servers",
  reader: "clients",
  added: "property-added",
  removed: "property-removed",
  location: (path) => `response ${path.length === 0 ? "(root)" : pointer(path)}`,
};

const QUERY: Flow = {
  sender: "clients",
  reader: "servers",
  added: "parameter-added",
  removed: "parameter-removed",
  location: ([name, ...rest]) => `query ?${name}${pointer(rest)}`,
};

/** Who breaks when the set of allowed values moved: narrowed, the sender; widened, the reader. */
function valueSetMoved(flow: Flow, narrowed: boolean, widened: boolean): Record<Side, boolean> {
  if (narrowed && widened) return NEITHER();
  if (narrowed) return ONLY(flow.sender);
  if (widened) return ONLY(flow.reader);
  return BOTH();
}

function compareShapes(before: ContractShape, after: ContractShape, path: Step[], flow: Flow, changes: ContractChange[]): void {
  const location = flow.location(path);
  if (!sameJson(before.types, after.types)) {
    const breaks = valueSetMoved(flow, typesWithin(after.types, before.types), typesWithin(before.types, after.types));
    changes.push({ kind: "type-changed", location, before: typeText(before.types), after: typeText(after.types), breaks });
    // Properties of an object that became a string are not worth listing one by one.
    if (!typesOverlap(before.types, after.types)) return;
  }
  compareEnums(before.enum, after.enum, location, flow, changes);
  for (const keyword of new Set([...Object.keys(before.constraints), ...Object.keys(after.constraints)])) {
    const [was, is] = [before.constraints[keyword], after.constraints[keyword]];
    if (sameJson(was, is)) continue;
    const text = (value: unknown) => (value === undefined ? undefined : `${keyword}: ${JSON.stringify(value)}`);
    changes.push({ kind: "constraint-changed", location, before: text(was), after: text(is), breaks: BOTH() });
  }
  compareMembers(before, after, path, flow, changes);
  if (typeAllowed(before.types, "object") && typeAllowed(after.types, "object")) compareOpenness(before, after, location, flow, changes);
  if (before.additional && after.additional) compareShapes(before.additional, after.additional, [...path, null], flow, changes);
  compareChild(before.items, after.items, [...path, null], flow, changes);
}

/** How many keys an object may have beyond those it lists: none, those a schema allows, any. */
const openness = (shape: ContractShape): number => (shape.closed ? 0 : shape.additional ? 1 : 2);

const opennessText = (shape: ContractShape): string =>
  shape.closed ? "no other keys" : shape.additional ? `other keys: ${typeText(shape.additional.types)}` : "any other keys";

function compareOpenness(before: ContractShape, after: ContractShape, location: string, flow: Flow, changes: ContractChange[]): void {
  const [was, is] = [openness(before), openness(after)];
  if (was === is) return;
  const breaks = valueSetMoved(flow, is < was, is > was);
  changes.push({ kind: "openness-changed", location, before: opennessText(before), after: opennessText(after), breaks });
}

function typesOverlap(a: string[] | null, b: string[] | null): boolean {
  return a === null || b === null || a.some((type) => typeAllowed(b, type)) || b.some((type) => typeAllowed(a, type));
}

function compareEnums(before: unknown[] | null, after: unknown[] | null, location: string, flow: Flow, changes: ContractChange[]): void {
  if (before === null && after === null) return;
  if (before === null || after === null) {
    const introduced = before === null;
    const values = JSON.stringify(before ?? after);
    changes.push({
      kind: introduced ? "enum-introduced" : "enum-dropped",
      location,
      ...(introduced ? { after: values } : { before: values }),
      breaks: introduced ? ONLY(flow.sender) : ONLY(flow.reader),
    });
    return;
  }
  const missingFrom = (values: unknown[], others: unknown[]) => values.filter((value) => !others.some((other) => sameJson(value, other)));
  for (const value of missingFrom(before, after)) {
    changes.push({ kind: "enum-value-removed", location, before: JSON.stringify(value), breaks: ONLY(flow.sender) });
  }
  for (const value of missingFrom(after, before)) {
    changes.push({ kind: "enum-value-added", location, after: JSON.stringify(value), breaks: ONLY(flow.reader) });
  }
}

/** Properties (or parameters): added, removed, made required or optional, and changed inside. */
function compareMembers(before: ContractShape, after: ContractShape, path: Step[], flow: Flow, changes: ContractChange[]): void {
  const keys = new Set([...Object.keys(before.properties), ...Object.keys(after.properties), ...before.required, ...after.required]);
  const describe = (shape: ContractShape, required: boolean) => `${required ? "required" : "optional"} ${typeText(shape.types)}`;
  for (const key of keys) {
    const [was, is] = [before.properties[key], after.properties[key]];
    const [wasRequired, isRequired] = [before.required.includes(key), after.required.includes(key)];
    const location = flow.location([...path, key]);
    if (was && !is) {
      changes.push({ kind: flow.removed, location, before: describe(was, wasRequired), breaks: ONLY("clients") });
    } else if (!was && is) {
      changes.push({ kind: flow.added, location, after: describe(is, isRequired), breaks: isRequired ? ONLY(flow.sender) : NEITHER() });
    } else {
      if (wasRequired !== isRequired) {
        const [from, to] = wasRequired ? ["required", "optional"] : ["optional", "required"];
        changes.push({
          kind: isRequired ? "required-added" : "required-removed",
          location,
          before: from,
          after: to,
          breaks: isRequired ? ONLY(flow.sender) : ONLY(flow.reader),
        });
      }
      if (was && is) compareShapes(was, is, [...path, key], flow, changes);
    }
  }
}

/** An array's items: described on one side only, they were added or removed. */
function compareChild(
  before: ContractShape | null,
  after: ContractShape | null,
  path: Step[],
  flow: Flow,
  changes: ContractChange[],
): void {
  const location = flow.location(path);
  if (before && after) compareShapes(before, after, path, flow, changes);
  else if (before) changes.push({ kind: flow.removed, location, before: typeText(before.types), breaks: ONLY("clients") });
  else if (after) changes.push({ kind: flow.added, location, after: typeText(after.types), breaks: NEITHER() });
}
