/**
 * The packed tarball's JSON Schema files, as an outside project loads them: through the package's
 * exports, by Ajv (draft-07) and Ajv2020 in strict mode (test/support/schema-consumer/main.mjs), with
 * the examples the package exports, which no consumer can change.
 */
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAndPack, installConsumers, mustRun } from "./support/consumers/harness.js";
import { repoRoot } from "./support/repo-copy.js";

const NAMES = ["SyncResponse", "Rooms", "Joined", "JoinedRoom", "EventMap", "Event", "State", "Timeline", "Ephemeral"];
const MORE = ["Invited", "InvitedRoom", "InviteState", "Archived", "ArchivedRoom", "Presence", "SyncQuery"];
const LIMITED = "/rooms/joined/!726s6s6q:example.com/timeline/limited";
const idsOf = (folder: string) =>
  [...NAMES, ...MORE].map((name) => `https://unpkg.com/matrix-sync-contract/generated/${folder}${name}.json`);

let work: string;
let report: Record<string, unknown>;

describe("the tarball's JSON Schemas", () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "matrix-sync-contract-schemas-"));
    const project = installConsumers(join(work, "consumers"), buildAndPack(work).tarball)("schema-consumer");
    cpSync(join(import.meta.dirname, "support", "schema-consumer"), project, { recursive: true });
    // Ajv is not a dependency of the package: the consumer brings its own, this repository's.
    const ajv = join(work, "consumers", "node_modules", "ajv");
    if (!existsSync(ajv)) symlinkSync(join(repoRoot, "node_modules", "ajv"), ajv, "dir");
    report = JSON.parse(mustRun(process.execPath, ["main.mjs"], project)) as Record<string, unknown>;
  }, 300_000);
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it.each([
    ["draft-07", "schemas/"],
    ["2020-12", "schemas/2020-12/"],
  ])("%s: every schema compiles in strict mode, under its $id, accepts its example and rejects a broken response", (draft, folder) => {
    expect(report[draft]).toEqual({
      ids: idsOf(folder),
      examplesChecked: 15,
      examplesFailing: [],
      broken: false,
      errors: [{ instancePath: LIMITED, keyword: "type" }],
    });
  });

  it("agree with the package's own validator", () => {
    expect(report.packageValidator).toEqual([true, false]);
  });

  it("come with examples that a consumer cannot change", () => {
    expect([report.changedExample, report.exampleAfter]).toEqual(["TypeError", true]);
  });
});
