/**
 * Where the named schemas occur, read off their definitions. `instancePaths`: for each named schema,
 * every path from the response's root to an instance of it (stage 7 takes each schema's example from
 * the first). `nestedInstances`: the same paths relative to an instance of each named schema, the
 * table generated/contract.ts declares, so that the runtime finds, inside any payload it checks, the
 * parts that the prose rules about a named schema apply to.
 */
import { DEFINITIONS_REF, followRef, forEachSubschema, type JsonSchema } from "../../lib/json-schema.js";
import type { InstancePath } from "./types.js";

/**
 * Walks the definitions from `root` and records each path at which a `$ref` to a named schema sits. A
 * schema reached again inside itself is recorded there but not walked again: the places inside a
 * recursive schema are endless.
 */
export function instancePaths(
  definitions: Readonly<Record<string, JsonSchema>>,
  names: readonly string[],
  root: string,
): Record<string, InstancePath[]> {
  const found: Record<string, InstancePath[]> = { [root]: [[]] };
  const named = new Set(names);
  const inProgress = new Set<string>();
  const walkInside = (schema: JsonSchema, at: InstancePath): void =>
    forEachSubschema(schema, (child, step) => walk(child, step === undefined ? at : [...at, step]));
  const walk = (schema: JsonSchema, at: InstancePath): void => {
    const ref = followRef(schema, DEFINITIONS_REF, definitions);
    if (!ref) return walkInside(schema, at);
    if (named.has(ref.name)) (found[ref.name] ??= []).push(at);
    if (ref.target === undefined || inProgress.has(ref.name)) return;
    inProgress.add(ref.name);
    walkInside(ref.target, at);
    inProgress.delete(ref.name);
  };
  walkInside(definitions[root] ?? {}, []);
  return found;
}

/** For each named schema, the places inside it where each named schema occurs, itself included at `[]`. */
export function nestedInstances(
  names: readonly string[],
  paths: Readonly<Record<string, InstancePath[]>>,
): Record<string, Record<string, InstancePath[]>> {
  const startsWith = (path: InstancePath, prefix: InstancePath) => prefix.every((step, i) => path[i] === step);
  return Object.fromEntries(
    names.map((outer) => {
      const inner: Record<string, InstancePath[]> = {};
      for (const name of names) {
        const relative = (paths[name] ?? []).flatMap((path) =>
          (paths[outer] ?? []).filter((prefix) => startsWith(path, prefix)).map((prefix) => path.slice(prefix.length)),
        );
        const distinct = [...new Map(relative.map((path) => [JSON.stringify(path), path])).values()];
        if (distinct.length > 0) inner[name] = distinct;
      }
      return [outer, inner];
    }),
  );
}
