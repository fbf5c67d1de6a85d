/**
 * Realistic spec edits, applied to a throwaway copy of the repository: `npm run generate` alone must
 * carry each one into the runtime, the types and the validators, and report it in the contract diff.
 * The behaviour checks run inside the copy, so they use the copy's regenerated code.
 */
import { afterEach, expect, test } from "vitest";
import { copyRepo, type CommandResult, type RepoCopy } from "./support/repo-copy.js";
import { generateSummary, probeIn, runIn, summary, typeCheckIn } from "./support/spec-evolution.js";

let copy: RepoCopy;
afterEach(() => copy?.remove());

/**
 * Probe code: 100 payloads of the named schema from the copy's arbitraries (matrix-sync-contract/testing),
 * with a fixed seed, bound to `samples`.
 */
const sampled = (name: string) => `
  import fc from "fast-check";
  import { arbitraries } from "./src/testing/index.js";
  const samples: any[] = fc.sample((arbitraries as any).${name}(), { numRuns: 100, seed: 1 });
`;

/** What `npm run contract:diff -- <args>` runs, in the copy. */
function contractDiff(...args: string[]): CommandResult {
  return runIn(copy, process.execPath, ["--import", "tsx", "scripts/contract-diff/index.ts", ...args]);
}

/** The place in spec/sync.yaml after which a new query parameter goes. */
const LAST_PARAMETER = `            request.
          x-example: 30000
`;
/** The place in spec/sync.yaml before which a new response property goes. */
const PRESENCE_PROPERTY = `              presence:
                title: Presence
`;

test('a boolean query parameter with the string x-example "false"', () => {
  copy = copyRepo();
  copy.edit(
    "spec/sync.yaml",
    LAST_PARAMETER,
    `${LAST_PARAMETER}        - in: query
          name: full_state
          type: boolean
          description: |-
            Controls whether to include the full state for all rooms the user
            is a member of.
          x-example: "false"
`,
  );
  expect(generateSummary(copy)).toBe(
    summary(
      "1 contract change against the previous generated/openapi.json: 0 break clients, 0 break servers",
      "safe  parameter-added  query ?full_state: optional boolean",
    ),
  );
  const parameters = JSON.parse(copy.read("generated/openapi.json")).paths["/sync"].get.parameters;
  expect(parameters[4]).toEqual({
    in: "query",
    name: "full_state",
    description: "Controls whether to include the full state for all rooms the user\nis a member of.",
    example: false,
    schema: { type: "boolean" },
  });

  expect(
    probeIn(
      copy,
      `${sampled("SyncQuery")}
      import { buildSyncUrl, checkSyncQuery, examples, parseSyncRequest } from "./src/index.js";
      console.log(JSON.stringify({
        arbitrary: {
          valid: samples.every((query) => checkSyncQuery(query).valid),
          withField: samples.some((query) => typeof query.full_state === "boolean"),
          otherwise: samples.some((query) => "full_state" in query && typeof query.full_state !== "boolean"),
        },
        example: examples.SyncQuery,
        parsed: parseSyncRequest("/sync?full_state=true&since=s1"),
        rejected: parseSyncRequest("?full_state=yes"),
        url: buildSyncUrl("https://matrix.example.org", { full_state: true, timeout: 0 }),
      }));
    `,
    ),
  ).toEqual({
    arbitrary: { valid: true, withField: true, otherwise: false },
    example: { filter: "66696p746572", since: "s72594_4483_1934", set_presence: "offline", timeout: 30000, full_state: false },
    parsed: { ok: true, query: { full_state: true, since: "s1" } },
    rejected: { ok: false, status: 400, body: { errcode: "M_INVALID_PARAM", error: 'full_state: must be "true" or "false", not "yes"' } },
    url: "https://matrix.example.org/_matrix/client/v2_alpha/sync?full_state=true&timeout=0",
  });

  // SyncQuery gains the field, typed: a boolean is accepted and a string is not.
  expect(
    typeCheckIn(
      copy,
      `import type { SyncQuery } from "./index.js";
export const query: SyncQuery = { full_state: true };
// @ts-expect-error full_state is a boolean
export const wrong: SyncQuery = { full_state: "true" };
`,
    ),
  ).toEqual({ status: 0, stdout: "", stderr: "" });
});

test("a titled object property in the response: a new named type with its validator", () => {
  copy = copyRepo();
  copy.edit(
    "spec/sync.yaml",
    PRESENCE_PROPERTY,
    `              account_data:
                title: Account Data
                type: object
                description: |-
                  The private data that this user has attached to this account.
                properties:
                  events:
                    type: array
                    description: A list of events.
                    items:
                      type: object
${PRESENCE_PROPERTY}`,
  );
  copy.edit(
    "spec/sync.yaml",
    `                "next_batch": "s72595_4483_1934",\n`,
    `                "next_batch": "s72595_4483_1934",
                "account_data": {
                  "events": [{"type": "m.tag", "content": {"tags": {"work": {}}}}]
                },
`,
  );
  expect(generateSummary(copy)).toBe(
    summary(
      "2 contract changes against the previous generated/openapi.json: 0 break clients, 0 break servers",
      "safe  property-added    response /account_data: optional object",
      "safe  named-type-added  type AccountData",
    ),
  );
  expect(
    probeIn(
      copy,
      `${sampled("AccountData")}
      import * as contract from "./src/index.js";
      const { account_data, ...without } = contract.examples.SyncResponse as Record<string, unknown>;
      console.log(JSON.stringify({
        names: contract.schemaNames.slice(-3),
        example: (contract.examples as Record<string, unknown>).AccountData,
        withIt: contract.checkSyncResponse(contract.examples.SyncResponse).valid,
        without: contract.checkSyncResponse(without).valid,
        validator: [{ events: [] }, { events: {} }].map((value) => (contract as any).validateAccountData(value)),
        issues: contract.checkSyncResponse({ account_data: { events: [1] } }).issues,
        arbitrary: samples.every((value) => (contract as any).checkAccountData(value).valid),
      }));
    `,
    ),
  ).toEqual({
    names: ["AccountData", "Presence", "SyncQuery"],
    example: { events: [{ type: "m.tag", content: { tags: { work: {} } } }] },
    withIt: true,
    without: true,
    validator: [true, false],
    issues: [{ pointer: "/account_data/events/0", message: "must be object", rule: "schema:type", severity: "error" }],
    arbitrary: true,
  });
});

test("an event schema gaining typed optional fields: validators start rejecting a string timestamp", () => {
  copy = copyRepo();
  const stringTimestamp = `
    import { checkEvent, checkSyncResponse } from "./src/index.js";
    const event = { type: "m.room.message", content: {}, sender: "@alice:example.com", origin_server_ts: "1417731086797" };
    const response = { rooms: { joined: { "!r:example.com": { event_map: { "$e:example.com": event }, timeline: { events: ["$e:example.com"] } } } } };
    console.log(JSON.stringify({ event: checkEvent(event).issues, response: checkSyncResponse(response).issues }));
  `;
  expect(probeIn(copy, stringTimestamp)).toEqual({ event: [], response: [] });

  copy.edit(
    "spec/core-event-schema/event.json",
    `  "properties": {\n`,
    `  "properties": {
    "sender": {
      "description": "The fully-qualified ID of the user who sent this event.",
      "type": "string"
    },
    "origin_server_ts": {
      "description": "Timestamp in milliseconds on originating homeserver when this event was sent.",
      "type": "integer"
    },
`,
  );
  expect(generateSummary(copy)).toBe(
    summary(
      "4 contract changes against the previous generated/openapi.json: 0 break clients, 0 break servers",
      "safe  property-added  response /rooms/joined/*/event_map/*/sender: optional string",
      "safe  property-added  response /rooms/joined/*/event_map/*/origin_server_ts: optional integer",
      "safe  property-added  response /rooms/archived/*/event_map/*/sender: optional string",
      "safe  property-added  response /rooms/archived/*/event_map/*/origin_server_ts: optional integer",
    ),
  );
  const mustBeInteger = { message: "must be integer", rule: "schema:type", severity: "error" };
  expect(probeIn(copy, stringTimestamp)).toEqual({
    event: [{ pointer: "/origin_server_ts", ...mustBeInteger }],
    response: [{ pointer: "/rooms/joined/!r:example.com/event_map/$e:example.com/origin_server_ts", ...mustBeInteger }],
  });
  expect(
    probeIn(
      copy,
      `${sampled("Event")}
      import { checkEvent } from "./src/index.js";
      const stamped = samples.filter((event) => "origin_server_ts" in event);
      console.log(JSON.stringify({
        valid: samples.every((event) => checkEvent(event).valid),
        stamped: stamped.length > 0 && stamped.every((event) => Number.isInteger(event.origin_server_ts)),
      }));
    `,
    ),
  ).toEqual({ valid: true, stamped: true });
});

test("a new file under spec/definitions/ that refers to a sibling from the spec root", () => {
  copy = copyRepo();
  copy.write(
    "spec/definitions/to_device.json",
    JSON.stringify(
      { type: "object", description: "Messages sent straight to this device.", allOf: [{ $ref: "definitions/event_batch.json" }] },
      null,
      2,
    ),
  );
  copy.edit(
    "spec/sync.yaml",
    PRESENCE_PROPERTY,
    `              to_device:
                title: ToDevice
                type: object
                allOf:
                  - $ref: "definitions/to_device.json"
${PRESENCE_PROPERTY}`,
  );
  const result = copy.generate();
  expect(result.stderr).toBe(
    'warning: spec/definitions/to_device.json: $ref "definitions/event_batch.json" is not found beside this file; resolved from the spec root as spec/definitions/event_batch.json\n',
  );
  expect(result.stdout.replace(/^.*\n/, "")).toBe(
    summary(
      "2 contract changes against the previous generated/openapi.json: 0 break clients, 0 break servers",
      "safe  property-added    response /to_device: optional object",
      "safe  named-type-added  type ToDevice",
    ),
  );
  // The file's own schema is kept apart from the named type its title gives.
  const schema = JSON.parse(copy.read("generated/schemas/ToDevice.json"));
  expect(schema.allOf).toEqual([{ $ref: "#/definitions/ToDeviceSchema" }]);
  expect(Object.keys(schema.definitions)).toEqual(["EventBatch", "ToDeviceSchema"]);
  expect(
    probeIn(
      copy,
      `${sampled("ToDevice")}
      import * as contract from "./src/index.js";
      const checkToDevice = (contract as any).checkToDevice;
      console.log(JSON.stringify({
        arbitrary: samples.every((value) => checkToDevice(value).valid),
        valid: checkToDevice({ events: [{ type: "m.new_device", content: {} }] }).valid,
        item: checkToDevice({ events: [1] }).issues,
        inResponse: contract.checkSyncResponse({ to_device: { events: "none" } }).issues,
      }));
    `,
    ),
  ).toEqual({
    arbitrary: true,
    valid: true,
    item: [{ pointer: "/events/0", message: "must be object", rule: "schema:type", severity: "error" }],
    inResponse: [{ pointer: "/to_device/events", message: "must be array", rule: "schema:type", severity: "error" }],
  });
});

test("a schema moved into a file of its own: no contract changes", () => {
  copy = copyRepo();
  const withoutProvenance = (text: string) => text.replace(/^\/\/ Generated by .*\n\/\/ spec sha256: .*\n/, "");
  const contract = withoutProvenance(copy.read("generated/contract.ts"));
  copy.write(
    "spec/definitions/presence.json",
    JSON.stringify(
      {
        title: "Presence",
        type: "object",
        description: "The updates to the presence status of other users.",
        allOf: [{ $ref: "event_batch.json" }],
      },
      null,
      2,
    ),
  );
  copy.edit(
    "spec/sync.yaml",
    `${PRESENCE_PROPERTY}                type: object
                description: |-
                  The updates to the presence status of other users.
                allOf:
                  - $ref: "definitions/event_batch.json"
`,
    `              presence:
                $ref: "definitions/presence.json"
`,
  );
  expect(generateSummary(copy)).toBe("no contract changes against the previous generated/openapi.json\n");
  expect(withoutProvenance(copy.read("generated/contract.ts"))).toBe(contract);
  expect(JSON.parse(copy.read("generated/manifest.json")).sources).toEqual([
    "spec/sync.yaml",
    "spec/core-event-schema/event.json",
    "spec/definitions/room_event_batch.json",
    "spec/definitions/timeline_batch.json",
    "spec/definitions/event_batch.json",
    "spec/definitions/presence.json",
  ]);
});

test("parameters moved to the shared and the path's parameter lists: no contract changes", () => {
  copy = copyRepo();
  const withoutProvenance = (text: string) => text.replace(/^\/\/ Generated by .*\n\/\/ spec sha256: .*\n/, "");
  const [contract, queryExample] = [withoutProvenance(copy.read("generated/contract.ts")), copy.read("generated/examples/SyncQuery.json")];
  const filter = `        - in: query
          name: filter
          type: string
          description: |-
            The ID of a filter created using the filter API.
          x-example: "66696p746572"
`;
  const since = `        - in: query
          name: since
          type: string
          description: |-
            A point in time to continue a sync from.
          x-example: "s72594_4483_1934"
`;
  copy.edit("spec/sync.yaml", filter, "");
  copy.edit("spec/sync.yaml", since, `        - $ref: "#/parameters/since"\n`);
  copy.edit("spec/sync.yaml", `  "/sync":\n`, `  "/sync":\n    parameters:\n${filter.replace(/^ {2}/gm, "")}`);
  copy.edit("spec/sync.yaml", "paths:\n", `parameters:\n  since:\n${since.replace(/^ {6}/gm, "").replace("- in", "  in")}paths:\n`);
  expect(generateSummary(copy)).toBe("no contract changes against the previous generated/openapi.json\n");
  expect(withoutProvenance(copy.read("generated/contract.ts"))).toBe(contract);
  expect(copy.read("generated/examples/SyncQuery.json")).toBe(queryExample);
});

/** Runs git in the copy, with an identity for commits. */
function git(...args: string[]): void {
  const result = runIn(copy, "git", ["-c", "user.name=Spec Evolution", "-c", "user.email=spec@example.com", ...args]);
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed:\n${result.stderr}`);
}

const PREV_BATCH_PROPERTY = `,
    "prev_batch": {
      "description": "When \`limited\` is true, a token with which to fetch the events that came before the ones returned here.",
      "type": "string"
    }`;

test("a field removed and a type widened: the contract diff classifies both as breaking", () => {
  // Edits no module of src/ depends on: generation type-checks src/ and would refuse one that breaks it.
  copy = copyRepo();
  git("init", "--quiet");
  git("add", "--all");
  git("commit", "--quiet", "--message", "before the edit");
  copy.edit("spec/definitions/timeline_batch.json", PREV_BATCH_PROPERTY, "");
  copy.edit("spec/sync.yaml", "          name: timeout\n          type: integer\n", "          name: timeout\n          type: number\n");
  // The example keeps its prev_batch: a key the schema no longer lists, which the types still accept.
  expect(generateSummary(copy)).toBe(
    summary(
      "3 contract changes against the previous generated/openapi.json: 2 break clients, 1 breaks servers",
      "breaks servers  type-changed      query ?timeout: integer → number",
      "breaks clients  property-removed  response /rooms/joined/*/timeline/prev_batch: was optional string",
      "breaks clients  property-removed  response /rooms/archived/*/timeline/prev_batch: was optional string",
    ),
  );

  const removed = (room: string) => ({
    kind: "property-removed",
    location: `response /rooms/${room}/*/timeline/prev_batch`,
    before: "optional string",
    breaks: { clients: true, servers: false },
  });
  const changes = [
    { kind: "type-changed", location: "query ?timeout", before: "integer", after: "number", breaks: { clients: false, servers: true } },
    removed("joined"),
    removed("archived"),
  ];
  const json = contractDiff("HEAD", "--format", "json", "--fail-on", "breaking");
  expect({ status: json.status, stderr: json.stderr }).toEqual({ status: 1, stderr: "" });
  expect(JSON.parse(json.stdout)).toEqual({
    against: "HEAD",
    summary: { changes: 3, breakingForClients: 2, breakingForServers: 1 },
    changes,
  });
  expect(contractDiff("HEAD", "--format", "markdown")).toEqual({
    status: 0,
    stderr: "",
    stdout: [
      "### Contract changes against `HEAD`",
      "",
      "3 contract changes: 2 break clients, 1 breaks servers.",
      "",
      "| Change | Where | Before | After | Clients | Servers |",
      "|---|---|---|---|---|---|",
      "| type-changed | `query ?timeout` | `integer` | `number` | safe | **breaks** |",
      "| property-removed | `response /rooms/joined/*/timeline/prev_batch` | `optional string` |  | **breaks** | safe |",
      "| property-removed | `response /rooms/archived/*/timeline/prev_batch` | `optional string` |  | **breaks** | safe |",
      "",
    ].join("\n"),
  });

  // The runtime reads and writes timeout as the number it now is, fractions included.
  expect(
    probeIn(
      copy,
      `
      import { buildSyncUrl, parseSyncRequest } from "./src/index.js";
      console.log(JSON.stringify({
        parsed: parseSyncRequest("?timeout=1.5"),
        url: buildSyncUrl("https://matrix.example.org", { timeout: 1.5 }),
      }));
    `,
    ),
  ).toEqual({
    parsed: { ok: true, query: { timeout: 1.5 } },
    url: "https://matrix.example.org/_matrix/client/v2_alpha/sync?timeout=1.5",
  });
});

test("npm run contract:diff names the ref or the file it cannot read", () => {
  copy = copyRepo();
  const openapi = copy.read("generated/openapi.json");
  const failure = (message: string) => ({ status: 2, stdout: "", stderr: `contract:diff: ${message}\n` });
  expect(contractDiff("HEAD")).toEqual(failure(`${copy.root} is not in a git repository, so there is no ref "HEAD" to compare with`));
  expect(contractDiff("HEAD", "--format", "yaml")).toEqual(
    failure('unknown format "yaml"\nusage: npm run contract:diff -- <git-ref> [--format text|markdown|json] [--fail-on breaking]'),
  );

  git("init", "--quiet");
  git("add", "--all");
  git("rm", "--cached", "--quiet", "generated/openapi.json");
  git("commit", "--quiet", "--message", "without openapi.json");
  expect(contractDiff("v9")).toEqual(failure('unknown git ref "v9"'));
  expect(contractDiff("HEAD")).toEqual(failure("generated/openapi.json does not exist at HEAD"));

  copy.write("generated/openapi.json", '{ "swagger": "2.0" }\n');
  git("add", "generated/openapi.json");
  git("commit", "--quiet", "--message", "a Swagger 2.0 openapi.json");
  copy.write("generated/openapi.json", openapi);
  expect(contractDiff("HEAD")).toEqual(
    failure('generated/openapi.json at HEAD is not an OpenAPI 3 document: it has no "openapi": "3.x" version field'),
  );

  git("add", "generated/openapi.json");
  git("commit", "--quiet", "--message", "the generated openapi.json");
  copy.write("generated/openapi.json", "not json\n");
  expect(contractDiff("HEAD")).toEqual(
    failure("generated/openapi.json in the working tree is not JSON: Unexpected character 'n', expected a JSON value (line 1, column 1)"),
  );
});

test("an edit that breaks the bundled example stops generation", () => {
  copy = copyRepo();
  const before = copy.snapshot("generated");
  copy.edit("spec/definitions/timeline_batch.json", `"type": "boolean"`, `"type": "string"`);
  expect(copy.generate()).toEqual({
    status: 1,
    stdout: "",
    stderr:
      'error: spec/sync.yaml: the example of GET /sync 200 (SyncResponse) breaks its schema at "/rooms/joined/!726s6s6q:example.com/timeline/limited": must be string (schema:type)\n',
  });
  expect(copy.snapshot("generated")).toEqual(before);
});
