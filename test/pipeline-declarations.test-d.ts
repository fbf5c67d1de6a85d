import type { ErrorObject as AjvErrorObject } from "ajv";
import type { Ajv } from "ajv";
import { describe, expectTypeOf, it } from "vitest";
import { collectErrors } from "../generated/validators-all-errors.js";
import { validateEvent, type ErrorObject, type PrecompiledValidator } from "../generated/validators.js";

describe("the validators' error type, written out in generated/validators.d.ts", () => {
  it("is assignable to ajv's ErrorObject and back", () => {
    expectTypeOf<ErrorObject>().toExtend<AjvErrorObject>();
    expectTypeOf<AjvErrorObject>().toExtend<ErrorObject>();
  });

  it("is what the validators and collectErrors give, which ajv's own tools accept", () => {
    expectTypeOf(validateEvent.errors).toEqualTypeOf<ErrorObject[] | null | undefined>();
    expectTypeOf(collectErrors).returns.toEqualTypeOf<{ errors: ErrorObject[]; complete: boolean }>();
    expectTypeOf<ErrorObject[]>().toExtend<Parameters<Ajv["errorsText"]>[0]>();
    expectTypeOf(validateEvent).toExtend<PrecompiledValidator<unknown>>();
  });
});
