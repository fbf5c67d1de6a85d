/**
 * Stage 9 (scripts/generate/9-type-check.ts, type-check.ts): what generation is about to write is
 * type-checked in memory, laid over the repository, and a failure names the spec file and the example
 * or schema responsible. Here the rendered files of the real spec are checked as they are, then with a
 * fault put into the generated types, which only the type check can see, on the main thread and in
 * the worker thread that `npm run generate` starts ahead; nothing is written either way.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { specContext, typeCheckAhead } from "../scripts/generate/9-type-check.js";
import { generate, type Generation } from "../scripts/generate/index.js";
import { typeCheck } from "../scripts/generate/type-check.js";
import { SpecError } from "../scripts/utils/index.js";
import { repoRoot } from "./support/repo-copy.js";

let generation: Generation;
beforeAll(async () => {
  generation = await generate(repoRoot);
}, 60_000);

/** The generation with generated/types.ts changed by `edit`, which must change it. */
function withTypes(edit: (text: string) => string): Generation {
  const types = generation.files.get("types.ts")!;
  const edited = edit(types);
  expect(edited).not.toBe(types);
  return { ...generation, files: new Map([...generation.files, ["types.ts", edited]]) };
}

/** The message of the SpecError the type check throws. */
function failure(checked: Generation): string {
  try {
    typeCheck(repoRoot, specContext(checked.artifacts), checked);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as SpecError).message;
  }
  throw new Error("the type check passed");
}

const relative = (files: string[]) => files.map((file) => file.slice(repoRoot.length + 1));

describe("the type check of a generation", () => {
  test("passes on the spec as it is: the generated modules, the bindings, and the modules of src/ that import them", () => {
    const checked = relative(typeCheck(repoRoot, specContext(generation.artifacts), generation));
    expect(checked.filter((file) => !file.startsWith("src/") || file.endsWith(".generated.ts"))).toEqual([
      "generated/types.ts",
      "generated/component-names.ts",
      "generated/contract.ts",
      "generated/examples.ts",
      "generated/openapi.ts",
      "generated/schemas.ts",
      "generated/validators-all-errors.d.ts",
      "generated/validators.d.ts",
      "src/checks.generated.ts",
      "src/testing/arbitraries.generated.ts",
    ]);
    expect(checked).toEqual(expect.arrayContaining(["src/index.ts", "src/check.ts", "src/request.ts", "src/cli/args.ts", "src/vitest.ts"]));
    // Modules that import neither generated/ nor a binding are left to the build.
    expect(checked).not.toContain("src/issues.ts");
    expect(checked).not.toContain("src/cli/lines.ts");
  }, 60_000);

  test("an example its type rejects: the spec file, the example and the pointer of the key", () => {
    const closedEvent = withTypes((text) => text.replace("  type?: string;\n  [k: string]: unknown;\n}", "  type?: string;\n}"));
    const lines = failure(closedEvent).split("\n");
    const event = "/rooms/joined/!726s6s6q:example.com/event_map/$66697273743031:example.com";
    const unknownSender = `Object literal may only specify known properties, and '"sender"' does not exist in type 'Event'. (TS2353)`;
    expect(lines[0]).toBe(
      `spec/sync.yaml: the example of GET /sync 200 (SyncResponse) does not type-check against its type at "${event}/sender": ${unknownSender}`,
    );
    expect(lines.slice(1, 3)).toEqual([
      `  spec/sync.yaml: the example of GET /sync 200 (SyncResponse) does not type-check against its type at "${event.replace("66697273743031", "7365636s6r6432")}/sender": ${unknownSender}`,
      `  spec/sync.yaml: the example of GET /sync 200 (SyncResponse) does not type-check against its type at "${event.replace("66697273743031", "74686972643033")}/sender": ${unknownSender}`,
    ]);
    expect(lines.at(-1)).toMatch(/^ {2}and \d+ more type errors$/);
    expect(lines).toHaveLength(6);
  }, 60_000);

  test("a generated type that does not compile: the schema's own spec file and the type's name", () => {
    const badIndex = withTypes((text) =>
      text.replace("  type?: string;\n  [k: string]: unknown;\n}", "  type?: string;\n  [k: string]: string;\n}"),
    );
    const [first] = failure(badIndex).split("\n");
    expect(first).toBe(
      "spec/core-event-schema/event.json: the type Event generated for its schema does not compile (generated/types.ts:81:3): " +
        "Property 'content' of type '{ [k: string]: unknown; } | undefined' is not assignable to 'string' index type 'string'. (TS2411)",
    );
  }, 60_000);
});

describe("the type check ahead, in a worker thread", () => {
  const closeEvent = (text: string) => text.replace("  type?: string;\n  [k: string]: unknown;\n}", "  type?: string;\n}");

  test("checks what it is sent as the main thread does", async () => {
    const ahead = typeCheckAhead(repoRoot);
    try {
      const checked = relative(await ahead.check(specContext(generation.artifacts), generation));
      expect(checked).toEqual(relative(typeCheck(repoRoot, specContext(generation.artifacts), generation)));
    } finally {
      await ahead.stop();
    }
  }, 60_000);

  test("rejects with the SpecError the main thread would throw", async () => {
    const closed = withTypes(closeEvent);
    const ahead = typeCheckAhead(repoRoot);
    try {
      const rejection = ahead.check(specContext(closed.artifacts), { files: closed.files, bindings: closed.bindings });
      await expect(rejection).rejects.toThrow(SpecError);
      await expect(rejection).rejects.toThrow(failure(closed));
    } finally {
      await ahead.stop();
    }
  }, 60_000);
});
