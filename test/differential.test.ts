/**
 * Differential validation: the precompiled ajv validators (first-error and all-errors) must reach
 * the same verdict as an independent JSON Schema implementation, @cfworker/json-schema (draft-07),
 * given the same exported schemas, on generated valid payloads and on mutated ones. A disagreement
 * fails with the payload written to a file, to replay by hand.
 */
import { Validator } from "@cfworker/json-schema";
import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { schemaNames } from "../generated/contract.js";
import { schemas } from "../generated/schemas.js";
import type { SchemaName } from "../generated/types.js";
import { arbitraryFor } from "../src/testing/index.js";
import { allErrorsValidatorFor, validatorFor } from "./support/arbitrary-contract.js";
import { anyMutation, wrongTypeMutation } from "./support/arbitrary-mutations.js";
import { propertyParameters, runsOverride, timeoutFor } from "./support/arbitrary-runs.js";

const names = schemaNames as SchemaName[];
/** Each run compares two payloads, a valid one and a mutated one: at least 10,000 per CI run in all. */
const PROMISED_PAYLOADS = 10_000;
const CI_RUNS = Math.ceil(PROMISED_PAYLOADS / (2 * names.length));
const runs = Math.max(runsOverride ?? 0, CI_RUNS);
/** @cfworker/json-schema throws a URIError on an object key holding a lone surrogate (it URI-encodes each key). */
const options = { loneSurrogates: false };

let compared = 0;
const finished = new Set<SchemaName>();
let disagreementDir: string | undefined;

/** Writes the payload where a person can find it, and returns the path. */
function keep(name: SchemaName, payload: unknown, verdicts: Record<string, boolean | string>): string {
  disagreementDir ??= mkdtempSync(join(tmpdir(), "matrix-sync-contract-differential-"));
  const file = join(disagreementDir, `${name}-${compared}.json`);
  writeFileSync(file, `${JSON.stringify({ schema: name, verdicts, payload }, null, 2)}\n`);
  return file;
}

/** Each validator's verdict, or what it threw. */
function verdictsOn(name: SchemaName, independent: Validator, payload: unknown): Record<string, boolean | string> {
  const verdict = (validate: () => boolean) => {
    try {
      return validate();
    } catch (error) {
      return `threw ${String(error)}`;
    }
  };
  return {
    ajv: verdict(() => validatorFor(name)(payload)),
    ajvAllErrors: verdict(() => allErrorsValidatorFor(name)(payload)),
    cfworker: verdict(() => independent.validate(payload).valid),
  };
}

function judge(name: SchemaName, independent: Validator, payload: unknown): void {
  const verdicts = verdictsOn(name, independent, payload);
  compared++;
  if (typeof verdicts.cfworker !== "boolean" || verdicts.ajv !== verdicts.cfworker || verdicts.ajvAllErrors !== verdicts.cfworker) {
    expect.fail(`validators disagree on a ${name} payload (${JSON.stringify(verdicts)}); it is in ${keep(name, payload, verdicts)}`);
  }
}

describe("the precompiled validators agree with @cfworker/json-schema", () => {
  test.each(names)(
    "%s: valid and mutated payloads",
    (name) => {
      // cfworker indexes the schema it is given; a copy keeps the exported one as it is.
      const independent = new Validator(structuredClone(schemas[name]) as never, "7", false);
      const mutated = fc.oneof(wrongTypeMutation(name, options), anyMutation(name, options)).map(({ mutated }) => mutated);
      const before = compared;
      fc.assert(
        fc.property(arbitraryFor(name, options), mutated, (valid, invalid) => {
          judge(name, independent, valid);
          judge(name, independent, invalid);
        }),
        { ...propertyParameters(CI_RUNS), numRuns: runs },
      );
      expect(compared - before).toBe(2 * runs);
      finished.add(name);
    },
    timeoutFor(CI_RUNS, 30_000, runs),
  );

  afterAll(() => {
    // The promise in numbers, when every schema ran (a filtered run, `-t`, runs fewer).
    if (finished.size === names.length) expect(compared).toBeGreaterThanOrEqual(PROMISED_PAYLOADS);
  });
});
