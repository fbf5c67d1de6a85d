/**
 * `--format sarif`: a SARIF 2.1.0 log that the official JSON Schema accepts, with every rule validate
 * can report described in the driver, and each issue a result at its file, line and column.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ajvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forEachSubschema, isAnnotation, type JsonSchema } from "../lib/json-schema.js";
import { schemas } from "../generated/schemas.js";
import { contractRules } from "../src/rule-options.js";
import { artifactLocation } from "../src/cli/formats/sarif.js";
import { SCHEMA_KEYWORD_RULES } from "../src/cli/formats/sarif-rules.js";
import { fixtureTree, runCli, type FixtureTree } from "./support/cli.js";
import { repoRoot } from "./support/repo-copy.js";

// Read where the package that ships it installed it: the schema is not ours to copy.
const SARIF_SCHEMA = JSON.parse(
  readFileSync(join(repoRoot, "node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
);
// The schema's patterns are ECMAScript regular expressions without the u flag (one has a bare `]`).
// CommonJS packages: their classes and functions are the default export's `default`, under node16 resolution.
const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);
const validSarif = ajv.compile(SARIF_SCHEMA);

interface Result {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation?: unknown; logicalLocations: { fullyQualifiedName: string }[] }[];
}
interface Log {
  runs: {
    tool: {
      driver: { name: string; version: string; informationUri: string; rules: { id: string; defaultConfiguration: { level: string } }[] };
    };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: Result[];
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: unknown[] }[];
  }[];
}

const INVALID = '{\n  "next_batch": 42,\n  "presence": {"events": 7}\n}\n';
const WARNED = JSON.stringify({ next_batch: "s", rooms: { joined: { "!r:x": { event_map: { $e: { type: "m.x", content: {} } } } } } });
const VERSION = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }).version;

let tree: FixtureTree;
beforeAll(() => {
  tree = fixtureTree({
    "a invalid%.json": INVALID,
    "b-valid.json": '{"next_batch": "s2"}',
    "c.ndjson": `{"next_batch":"s1"}\n${WARNED}\n{"next_batch":2}\n`,
    "d-gone.json": { symlink: "missing.json" },
    "sub/e.json": "",
  });
  // A name that is not UTF-8: its URI keeps the byte.
  execFileSync("sh", ["-c", `printf '{"next_batch":1}' > "$(printf 'sub/f\\377.json')"`], { cwd: tree.root });
});
afterAll(() => tree.remove());

const sarif = (...args: string[]) => {
  const run = runCli(["validate", "--format", "sarif", ...args], { cwd: tree.root });
  return { ...run, log: JSON.parse(run.stdout) as Log };
};

describe("--format sarif", () => {
  it("writes a log the official SARIF 2.1.0 schema accepts, with located results and notifications", () => {
    const { status, stderr, log } = sarif(".");
    expect(validSarif(log), JSON.stringify(validSarif.errors)).toBe(true);
    expect(status).toBe(2);
    expect(stderr).toBe("matrix-sync-contract: cannot read d-gone.json: dangling symbolic link (its target does not exist)\n");
    const [run] = log.runs;
    expect(log.runs).toHaveLength(1);
    expect(run!.tool.driver).toMatchObject({
      name: "matrix-sync-contract",
      version: VERSION,
      informationUri: "https://www.npmjs.com/package/matrix-sync-contract",
    });
    expect(run!.originalUriBaseIds.SRCROOT!.uri).toBe(`file://${tree.root}/`);
    const rules = run!.tool.driver.rules.map((rule) => rule.id);
    const at = (uri: string, startLine: number, startColumn: number) => ({
      artifactLocation: { uri, uriBaseId: "SRCROOT" },
      region: { startLine, startColumn },
    });
    const result = (ruleId: string, level: string, text: string, pointer: string, physicalLocation: unknown) => ({
      ruleId,
      ruleIndex: rules.indexOf(ruleId),
      level,
      message: { text },
      locations: [{ physicalLocation, logicalLocations: [{ fullyQualifiedName: pointer }] }],
    });
    expect(run!.results).toEqual([
      result("schema:type", "error", "/next_batch: must be string", "/next_batch", at("a%20invalid%25.json", 2, 17)),
      result("schema:type", "error", "/presence/events: must be array", "/presence/events", at("a%20invalid%25.json", 3, 26)),
      result(
        "event-map-unreferenced",
        "warning",
        "/rooms/joined/!r:x/event_map/$e: no state or timeline of this room references this event",
        "/rooms/joined/!r:x/event_map/$e",
        at("c.ndjson", 2, WARNED.indexOf('{"type"') + 1),
      ),
      result("schema:type", "error", "/next_batch: must be string", "/next_batch", at("c.ndjson", 3, 15)),
      result("json", "error", "(root): empty input, expected a JSON value", "(root)", at("sub/e.json", 1, 1)),
      result("schema:type", "error", "/next_batch: must be string", "/next_batch", at("sub/f%FF.json", 1, 15)),
    ]);
    expect(run!.invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: "error",
            message: { text: "d-gone.json: dangling symbolic link (its target does not exist)" },
            locations: [{ physicalLocation: { artifactLocation: { uri: "d-gone.json", uriBaseId: "SRCROOT" } } }],
          },
        ],
      },
    ]);
  });

  it("is checked by a validator that refuses a broken log", () => {
    const { log } = sarif("b-valid.json");
    expect(validSarif(log)).toBe(true);
    expect(validSarif({ ...log, version: "2.0.0" })).toBe(false);
    expect(validSarif({ ...log, runs: [{ ...log.runs[0], results: [{ level: "severe", message: {} }] }] })).toBe(false);
  });

  it("notes lists cut by --max-issues, and standard input's position in the message", () => {
    const input = '{"next_batch": 1, "presence": 2}';
    const run = runCli(["validate", "--format", "sarif", "--max-issues", "1", "c.ndjson", "-"], { cwd: tree.root, stdin: input });
    const log = JSON.parse(run.stdout) as Log;
    expect(validSarif(log), JSON.stringify(validSarif.errors)).toBe(true);
    expect(log.runs[0]!.results.at(-1)).toEqual({
      ruleId: "schema:type",
      ruleIndex: log.runs[0]!.tool.driver.rules.findIndex((rule) => rule.id === "schema:type"),
      level: "error",
      message: { text: "<stdin>:1:16: /next_batch: must be string" },
      locations: [{ logicalLocations: [{ fullyQualifiedName: "/next_batch" }] }],
    });
    expect(log.runs[0]!.invocations[0]!.toolExecutionNotifications).toEqual([
      { level: "note", message: { text: "<stdin>: it has more issues than --max-issues 1; the rest are not shown" } },
    ]);
  });
});

describe("the driver's rules", () => {
  const { rules } = (JSON.parse(runCli(["validate", "--format", "sarif", "-"], { cwd: repoRoot, stdin: "{}" }).stdout) as Log).runs[0]!.tool
    .driver;

  it("describe each rule of the rule table at its default level", () => {
    for (const { id, severity } of contractRules) {
      expect(rules.find((rule) => rule.id === id)?.defaultConfiguration).toEqual({ level: severity });
    }
    expect(rules.slice(0, 2).map((rule) => rule.id)).toEqual(["json", "input-size"]);
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
  });

  it("cover every keyword the spec's schemas assert with", () => {
    // Keywords that hold or point to subschemas report through those subschemas' own keywords; the
    // dialect and the schema's own URL assert nothing.
    const applicators = new Set(["$schema", "$id", "$ref", "definitions", "properties", "items", "allOf"]);
    const used = new Set<string>();
    const visit = (schema: JsonSchema) => {
      for (const keyword of Object.keys(schema)) if (!isAnnotation(keyword) && !applicators.has(keyword)) used.add(keyword);
      forEachSubschema(schema, visit);
    };
    Object.values(schemas).forEach(visit);
    expect([...used].sort()).toEqual(["additionalProperties", "enum", "type"]);
    for (const keyword of used) expect(rules.map((rule) => rule.id)).toContain(`schema:${keyword}`);
    expect(SCHEMA_KEYWORD_RULES.map((keyword) => `schema:${keyword}`)).toEqual(
      rules.slice(2, 2 + SCHEMA_KEYWORD_RULES.length).map((rule) => rule.id),
    );
  });
});

describe("artifact locations", () => {
  it.each([
    ["fixtures/a.json", "/repo", { uri: "fixtures/a.json", uriBaseId: "SRCROOT" }],
    ["./x/../b c#?.json", "/repo", { uri: "b%20c%23%3F.json", uriBaseId: "SRCROOT" }],
    ["/repo/dir/é.json", "/repo", { uri: "dir/%C3%A9.json", uriBaseId: "SRCROOT" }],
    ["../other/a.json", "/repo", { uri: "file:///other/a.json" }],
    ["/elsewhere/a b.json", "/repo", { uri: "file:///elsewhere/a%20b.json" }],
    [Uint8Array.from([0x66, 0xff, 0x2e, 0x6a]), "/repo", { uri: "f%FF.j", uriBaseId: "SRCROOT" }],
  ])("%j from %s is %j", (path, cwd, location) => {
    expect(artifactLocation(path, cwd)).toEqual(location);
  });
});
