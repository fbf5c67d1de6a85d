/**
 * Atomic regeneration: a broken spec edit makes `npm run generate` exit non-zero with a message that
 * names the file (and, for YAML, the line and column), and leaves generated/ byte for byte as it
 * was, with nothing left beside it. Each case runs in a throwaway copy of the repository.
 */
import { readdirSync } from "node:fs";
import { afterEach, describe, expect, test } from "vitest";
import { copyRepo, type CommandResult, type RepoCopy } from "./support/repo-copy.js";

const GENERATE = { timeout: 60_000 };
const STACK_FRAME = /\n\s+at /;

let copy: RepoCopy | undefined;
afterEach(() => copy?.remove());

/** Breaks the spec in a fresh copy (or `start`), runs the generator, and checks that nothing was touched. */
function generateAfter(breakSpec: (copy: RepoCopy) => void, start?: RepoCopy): CommandResult {
  copy = start ?? copyRepo();
  const generatedBefore = copy.snapshot("generated");
  const rootBefore = readdirSync(copy.root).sort();
  breakSpec(copy);
  const result = copy.generate();
  expect(copy.snapshot("generated")).toEqual(generatedBefore);
  expect(readdirSync(copy.root).sort()).toEqual(rootBefore);
  expect(result.stderr).not.toMatch(STACK_FRAME);
  expect(result.stdout).toBe("");
  expect(result.status).toBe(1);
  return result;
}

describe("npm run generate after a broken spec edit", () => {
  test("a sound edit does change generated/, so that unchanged means something", GENERATE, () => {
    copy = copyRepo();
    const before = copy.snapshot("generated");
    copy.edit("spec/sync.yaml", "A point in time to continue a sync from.", "A point in time to continue the sync from.");
    const result = copy.generate();
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    const after = copy.snapshot("generated");
    const changed = [...after.keys()]
      .filter((path) => after.get(path) !== before.get(path))
      .map((path) => path.slice(copy!.root.length + 1));
    expect(changed).toContain("generated/schemas/SyncQuery.json");
  });

  test("invalid YAML: the file, line and column, and generated/ unchanged", GENERATE, () => {
    const result = generateAfter((copy) =>
      copy.edit("spec/sync.yaml", "          name: since\n", "          name: since\n        bad: [unclosed\n"),
    );
    expect(result.stderr).toBe("error: spec/sync.yaml:39:1: invalid YAML: All mapping items must start at the same column\n");
  });

  test("a $ref in YAML to no file: the file, line and column of the $ref, and generated/ unchanged", GENERATE, () => {
    const presence = 'users.\n                allOf:\n                  - $ref: "definitions/event_batch';
    const result = generateAfter((copy) => copy.edit("spec/sync.yaml", presence, `${presence}es`));
    expect(result.stderr).toBe(
      'error: spec/sync.yaml:196:27: $ref "definitions/event_batches.json" resolves to no file under spec/ (looked for spec/definitions/event_batches.json and spec/definitions/event_batches.json)\n',
    );
  });

  test("a $ref in a JSON file to no file: that file, and generated/ unchanged", GENERATE, () => {
    const result = generateAfter((copy) =>
      copy.edit("spec/definitions/timeline_batch.json", '"room_event_batch.json"', '"room_event_batches.json"'),
    );
    expect(result.stderr).toBe(
      'error: spec/definitions/timeline_batch.json: $ref "room_event_batches.json" resolves to no file under spec/ (looked for spec/definitions/room_event_batches.json and spec/room_event_batches.json)\n',
    );
  });

  test("a document that is not valid Swagger 2.0: the file and what is wrong, and generated/ unchanged", GENERATE, () => {
    const result = generateAfter((copy) => copy.edit("spec/sync.yaml", "          type: integer\n", "          type: integr\n"));
    const [first, ...details] = result.stderr.trimEnd().split("\n");
    expect(first).toBe("error: spec/sync.yaml: is not valid Swagger 2.0:");
    expect(details).toContain("  #/paths/~1sync/get/parameters/3/type must be equal to one of the allowed values");
  });

  test("an example that no longer matches its schema: the file and the failing pointer, and generated/ unchanged", GENERATE, () => {
    const result = generateAfter((copy) => copy.edit("spec/sync.yaml", '"limited": true', '"limited": "yes"'));
    expect(result.stderr).toBe(
      'error: spec/sync.yaml: the example of GET /sync 200 (SyncResponse) breaks its schema at "/rooms/joined/!726s6s6q:example.com/timeline/limited": must be boolean (schema:type)\n',
    );
  });
});

describe("npm run generate when what it would write does not compile", () => {
  test("a module of src/ that fails by itself: named as it is; a run that changes nothing checks nothing", GENERATE, () => {
    copy = copyRepo();
    copy.write(
      "src/a-broken.ts",
      'import { schemaNames } from "../generated/contract.js";\n\nexport const count: string = schemaNames.length;\n',
    );
    const files = JSON.parse(copy.read("generated/manifest.json")).files.length;
    expect(copy.generate()).toEqual({
      status: 0,
      stdout: `generated/: ${files} files, 0 changed.\nno contract changes against the previous generated/openapi.json\n`,
      stderr: "",
    });
    const result = generateAfter((copy) => copy.edit("spec/sync.yaml", "continue a sync from.", "continue the sync from."), copy);
    expect(result.stderr).toBe(
      "error: src/a-broken.ts:3:14: does not compile beside the generated code: Type 'number' is not assignable to type 'string'. (TS2322)\n",
    );
  });

  test("a module of src/ that no longer compiles with a regenerated type: the module, the type and its spec file", GENERATE, () => {
    const result = generateAfter((copy) => {
      copy.write(
        "src/a-limited.ts",
        'import type { Timeline } from "../generated/types.js";\n\nexport const limitedOf = (timeline: Timeline): boolean | undefined => timeline.limited;\n',
      );
      copy.edit("spec/definitions/timeline_batch.json", `"type": "boolean"`, `"type": "string"`);
      copy.edit("spec/sync.yaml", '"limited": true', '"limited": "true"');
    });
    expect(result.stderr.split("\n")[0]).toBe(
      "error: spec/sync.yaml: src/a-limited.ts:3:71 does not compile where it uses the generated type Timeline: " +
        "Type 'string | undefined' is not assignable to type 'boolean | undefined'. Type 'string' is not assignable to type 'boolean | undefined'. (TS2322)",
    );
  });

  test("types stricter than the schemas, as they once were: the example's key, and its spec file", GENERATE, () => {
    const result = generateAfter((copy) => {
      // Stage 5 as it was: no index signature for an object that lists its keys and says nothing else.
      copy.edit("scripts/generate/5-write-types.ts", "(open && names.length > 0)", "(false && open)");
      // The Matrix spec's own event schema says nothing about other keys; real events carry many.
      copy.edit("spec/core-event-schema/event.json", `  },\n  "additionalProperties": true\n}`, "  }\n}");
    });
    const event = "/rooms/joined/!726s6s6q:example.com/event_map/$66697273743031:example.com";
    expect(result.stderr.split("\n")[0]).toBe(
      `error: spec/sync.yaml: the example of GET /sync 200 (SyncResponse) does not type-check against its type at "${event}/sender": ` +
        `Object literal may only specify known properties, and '"sender"' does not exist in type 'Event'. (TS2353)`,
    );
  });
});
