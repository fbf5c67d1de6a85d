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

/** Breaks the spec in a fresh copy, runs the generator, and checks that nothing was touched. */
function generateAfter(breakSpec: (copy: RepoCopy) => void): CommandResult {
  copy = copyRepo();
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
