/**
 * The declarations of generated/validators.js and generated/validators-all-errors.js. They name no
 * package: the error objects' type is written here, structurally the same as ajv's `ErrorObject`
 * (each is assignable to the other), so that the package's declarations compile for a user who has
 * no ajv installed; the validators themselves were compiled ahead and need none at run time either.
 */
import type { NamedSchemas } from "./types.js";

const ERROR_OBJECT = `/** Why a value fails a schema, as ajv reports it (the same shape as ajv's \`ErrorObject\`). */
export interface ErrorObject {
  /** The JSON Schema keyword that failed: \`type\`, \`required\`, \`additionalProperties\`, …. */
  keyword: string;
  /** The JSON pointer of the failing value inside the validated one. */
  instancePath: string;
  /** Where the failing keyword sits in the schema, as a URI fragment. */
  schemaPath: string;
  /** What the keyword needed: \`missingProperty\`, \`additionalProperty\`, \`allowedValues\`, …. */
  params: Record<string, unknown>;
  propertyName?: string;
  message?: string;
  schema?: unknown;
  parentSchema?: Record<string, unknown>;
  data?: unknown;
}

/** A precompiled ajv validator, called as ajv's are: after a failed call, \`errors\` says why. */
export interface PrecompiledValidator<T> {
  (data: unknown): data is T;
  errors?: ErrorObject[] | null;
}
`;

const COLLECT_ERRORS = `
/**
 * Runs an all-errors validator and returns its errors in ajv's order, stopping early, with
 * \`complete: false\`, once it has \`max\` of them (where the schemas let it stop early).
 */
export declare function collectErrors(
  validate: PrecompiledValidator<unknown>,
  data: unknown,
  max: number,
): { errors: ErrorObject[]; complete: boolean };
`;

/** generated/validators.d.ts: the error and validator types, then one validator per named schema. */
export function firstErrorDeclarations(named: NamedSchemas): string {
  return `${ERROR_OBJECT}${validatorDeclarations(named)}`;
}

/** generated/validators-all-errors.d.ts: the same validators, with the types of validators.d.ts, and \`collectErrors\`. */
export function allErrorsDeclarations(named: NamedSchemas): string {
  return `import type { ErrorObject, PrecompiledValidator } from "./validators.js";\n${validatorDeclarations(named)}${COLLECT_ERRORS}`;
}

function validatorDeclarations({ names }: NamedSchemas): string {
  const declarations = names.map((name) => {
    const declaration = `export declare const validate${name}: PrecompiledValidator<${name}>;`;
    return `/** Whether a value satisfies the \`${name}\` schema. */\n${declaration}\n`;
  });
  return `import type { ${names.join(", ")} } from "./types.js";\n\n${declarations.join("\n")}`;
}
