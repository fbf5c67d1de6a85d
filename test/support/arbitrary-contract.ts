/** The contract's functions looked up by schema name, for tests that run over every named schema. */
import * as checks from "../../src/checks.generated.js";
import * as allErrorValidators from "../../generated/validators-all-errors.js";
import * as validators from "../../generated/validators.js";
import type { PrecompiledValidator } from "../../generated/validators.js";
import type { SchemaName } from "../../generated/types.js";
import type { Check } from "../../src/check.js";

function byName<T>(module: object, prefix: string, name: SchemaName): T {
  const found = (module as Record<string, T | undefined>)[`${prefix}${name}`];
  if (found === undefined) throw new Error(`generated code has no ${prefix}${name}`);
  return found;
}

export const checkFor = (name: SchemaName) => byName<Check<unknown>>(checks, "check", name);
export const validatorFor = (name: SchemaName) => byName<PrecompiledValidator<unknown>>(validators, "validate", name);
export const allErrorsValidatorFor = (name: SchemaName) => byName<PrecompiledValidator<unknown>>(allErrorValidators, "validate", name);
