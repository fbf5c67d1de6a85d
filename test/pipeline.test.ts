import SwaggerParser from "@apidevtools/swagger-parser";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { examples, schemaNames } from "../src/index.js";
import openapi from "../generated/openapi.json" with { type: "json" };
import * as validators from "../generated/validators.js";
import { bundleSpec } from "../scripts/generate/1-bundle-spec.js";
import { validateOpenApiDocument } from "../scripts/generate/validate-document.js";
import { copyRepo, repoRoot } from "./support/repo-copy.js";

const validatorFor = (name: string) => (validators as Record<string, (value: unknown) => boolean>)[`validate${name}`]!;

describe("the generated artifacts", () => {
  it("name one type per titled schema, plus the response and the query, with no numbered duplicates", () => {
    expect(schemaNames).toEqual([
      "SyncResponse",
      "Rooms",
      "Joined",
      "JoinedRoom",
      "EventMap",
      "Event",
      "State",
      "Timeline",
      "Ephemeral",
      "Invited",
      "InvitedRoom",
      "InviteState",
      "Archived",
      "ArchivedRoom",
      "Presence",
      "SyncQuery",
    ]);
  });

  it("have exactly one precompiled validator per named schema", () => {
    expect(Object.keys(validators).sort()).toEqual(schemaNames.map((name) => `validate${name}`).sort());
  });

  it("accept the bundled response example", () => {
    expect(validators.validateSyncResponse(examples.SyncResponse)).toBe(true);
  });

  it.each(Object.keys(examples))("accept the %s part of the example with its own validator", (name) => {
    expect(validatorFor(name)((examples as Record<string, unknown>)[name])).toBe(true);
  });

  it("reject a part of the example given to the wrong validator", () => {
    expect(validators.validateState(examples.Ephemeral)).toBe(false);
    expect(validators.validateState.errors?.[0]).toMatchObject({ instancePath: "/events/0", keyword: "type" });
  });

  it("take the query example from the parameters' x-example values, typed", () => {
    expect(examples.SyncQuery).toEqual({ filter: "66696p746572", since: "s72594_4483_1934", set_presence: "offline", timeout: 30000 });
  });

  it("include an OpenAPI 3.0 document that validates as OpenAPI 3.0", async () => {
    await expect(SwaggerParser.validate(structuredClone(openapi) as never)).resolves.toBeTruthy();
    expect(openapi.openapi).toBe("3.0.0");
    expect(Object.keys(openapi.components.schemas)).toEqual(["Event", "RoomEventBatch", "TimelineBatch", "EventBatch"]);
    expect(openapi.paths["/sync"].get.responses["200"].content["application/json"].examples.response.value).toEqual(examples.SyncResponse);
  });
});

describe("the restored spec", () => {
  it("validates as Swagger 2.0 once its references are bundled", async () => {
    const { document, warnings } = bundleSpec(repoRoot);
    await expect(validateOpenApiDocument(document, "spec/sync.yaml", "Swagger 2.0")).resolves.toBeUndefined();
    expect(document.swagger).toBe("2.0");
    expect(warnings).toEqual([]);
  });
});

describe("$ref resolution", () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  function specTree(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), "spec-refs-"));
    roots.push(root);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, "spec", path, ".."), { recursive: true });
      writeFileSync(join(root, "spec", path), text);
    }
    return root;
  }

  const yaml = (ref: string) => `swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  Root:\n    $ref: "${ref}"\n`;

  it("falls back to the spec root, with a warning, for the spec-root-relative style", () => {
    const root = specTree({
      "sync.yaml": yaml("definitions/outer.json"),
      "definitions/outer.json": JSON.stringify({ allOf: [{ $ref: "definitions/inner.json" }] }),
      "definitions/inner.json": JSON.stringify({ type: "object" }),
    });
    const { document, warnings } = bundleSpec(root);
    expect(document.definitions.Outer).toEqual({ allOf: [{ $ref: "#/definitions/Inner" }] });
    expect(document.definitions.Inner).toEqual({ type: "object" });
    expect(warnings).toEqual([
      'spec/definitions/outer.json: $ref "definitions/inner.json" is not found beside this file; resolved from the spec root as spec/definitions/inner.json',
    ]);
  });

  it("stops on a reference that resolves nowhere, naming the referring file and the reference", () => {
    const root = specTree({
      "sync.yaml": yaml("definitions/outer.json"),
      "definitions/outer.json": JSON.stringify({ allOf: [{ $ref: "missing.json" }] }),
    });
    expect(() => bundleSpec(root)).toThrow(
      'spec/definitions/outer.json: $ref "missing.json" resolves to no file under spec/ (looked for spec/definitions/missing.json and spec/missing.json)',
    );
  });

  it("names the line and column of a syntax error in a referenced JSON file", () => {
    const root = specTree({ "sync.yaml": yaml("broken.json"), "broken.json": '{\n  "type": "object",\n}' });
    expect(() => bundleSpec(root)).toThrow(
      "spec/broken.json:3:1: invalid JSON: Unexpected character '}', expected a property name in double quotes",
    );
  });
});

describe("npm run generate -- --check", () => {
  it("passes on the committed tree and fails after a one-character spec edit, listing the stale files", () => {
    const copy = copyRepo();
    try {
      const clean = copy.generate("--check");
      expect(clean.status).toBe(0);
      expect(clean.stdout).toMatch(/^generated\/ is up to date \(\d+ files\)\.$/m);

      copy.edit("spec/sync.yaml", "A point in time to continue a sync from.", "A point in time to continue a sync from!");
      const stale = copy.generate("--check");
      expect(stale.status).toBe(1);
      expect(stale.stderr).toContain("generated/ is stale; run `npm run generate` and commit the result.");
      for (const file of ["openapi.json", "openapi.ts", "types.ts", "schemas/SyncQuery.json", "manifest.json"]) {
        expect(stale.stderr).toContain(`\n  generated/${file}`);
      }
    } finally {
      copy.remove();
    }
  });

  it("is deterministic: regenerating the committed tree changes no byte", () => {
    const copy = copyRepo();
    try {
      const before = copy.snapshot("generated");
      expect(copy.generate().status).toBe(0);
      expect(copy.snapshot("generated")).toEqual(before);
    } finally {
      copy.remove();
    }
  });
});
