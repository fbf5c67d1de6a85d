/**
 * Two sets of names reach users: openapi-typescript names the document's components
 * (`components["schemas"]["TimelineBatch"]`, what openapi-fetch's `data` is made of), while the named
 * types take the titles the spec gives where it uses them (`Timeline`). This module pairs them: for
 * each component, the named types that are that component under another title, with nothing of their
 * own beside it. generated/types.ts declares the pairs as `ComponentNames` with a type alias for each
 * component name that is not a named type's, generated/component-names.ts as the data `componentNames`
 * (not in contract.ts: moving a schema into a file of its own adds a component, and changes no contract).
 */
import { withoutAnnotations, type JsonSchema } from "../../lib/json-schema.js";
import type { SchemaLayout } from "./types.js";

/** Each component the operation reaches, and the named types of its shape; components with none are left out. */
export function componentNames({ names, definitions, components }: SchemaLayout): Record<string, string[]> {
  const pairs = Object.entries(components).map(([component, key]) => {
    const same = names.filter((name) => name === key || wraps(definitions[name]!, key));
    return [component, same] as const;
  });
  return Object.fromEntries(pairs.filter(([, same]) => same.length > 0));
}

/** Whether the schema is `allOf: [{ $ref: key }]` and annotations, the object type at most. */
function wraps(schema: JsonSchema, key: string): boolean {
  const { type, ...rest } = withoutAnnotations(schema);
  const members = rest.allOf;
  if ((type !== undefined && type !== "object") || Object.keys(rest).length !== 1 || !Array.isArray(members)) return false;
  return (
    members.length === 1 &&
    JSON.stringify(withoutAnnotations(members[0] as JsonSchema)) === JSON.stringify({ $ref: `#/definitions/${key}` })
  );
}

/**
 * What generated/types.ts declares of the pairs: `ComponentNames`, and an alias for each component name
 * no named type has (`preamble`: the import they need, for the top of the file).
 */
export function componentNamesDeclarations(pairs: Record<string, string[]>, names: readonly string[]): { preamble: string; text: string } {
  const union = (same: string[]) => same.map((name) => JSON.stringify(name)).join(" | ");
  const listed = (same: string[]) => same.map((name) => `\`${name}\``).join(", ");
  const aliased = Object.entries(pairs).filter(([component]) => !names.includes(component));
  const aliases = aliased.flatMap(([component, same]) => [
    "",
    `/** openapi-typescript's name (in \`components["schemas"]\`) for the shape of ${listed(same)}. */`,
    `export type ${component} = components["schemas"]["${component}"];`,
  ]);
  const text = [
    "",
    "/**",
    ' * For each component of the OpenAPI document (`components["schemas"]`, the names openapi-fetch\'s types use),',
    ' * the named types that have its shape: `SchemaTypes[ComponentNames[K]]` and `components["schemas"][K]` are',
    " * assignable to each other.",
    " */",
    "export interface ComponentNames {",
    ...Object.entries(pairs).map(([component, same]) => `  ${component}: ${union(same)};`),
    "}",
    ...aliases,
    "",
  ].join("\n");
  return { preamble: aliased.length > 0 ? 'import type { components } from "./openapi.js";\n\n' : "", text };
}

/** generated/component-names.ts: the pairs as data. */
export function componentNamesModule(pairs: Record<string, string[]>): string {
  return [
    'import type { ComponentNames } from "./types.js";',
    "",
    "/** The named types that have each component's shape: types.ts's `ComponentNames` as data. */",
    "export const componentNames: { readonly [C in keyof ComponentNames]: readonly ComponentNames[C][] } = {",
    ...Object.entries(pairs).map(([component, same]) => `  ${component}: ${JSON.stringify(same)},`),
    "};",
    "",
  ].join("\n");
}
