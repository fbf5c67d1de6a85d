import { describe, expect, test } from "vitest";
import { ContractDocumentError, readContract, readContractText } from "../scripts/contract-diff/contract.js";
import { diffContracts, type ContractChange } from "../scripts/contract-diff/diff.js";
import { renderChanges } from "../scripts/contract-diff/format.js";
import { shapeOf } from "../scripts/contract-diff/shape.js";
import { summarizeRegeneration } from "../scripts/contract-diff/summary.js";

type Json = Record<string, any>;

/** A small document shaped like generated/openapi.json: refs, allOf wrappers, titled maps. */
function fixture(): Json {
  return {
    openapi: "3.0.0",
    info: { title: "fixture", version: "1" },
    servers: [{ url: "https://localhost/_matrix/client/v2_alpha" }],
    paths: {
      "/sync": {
        get: {
          security: [{ accessToken: [] }],
          parameters: [
            { in: "query", name: "since", description: "A token.", schema: { type: "string" } },
            { in: "query", name: "set_presence", schema: { type: "string", enum: ["offline"] } },
            { in: "query", name: "timeout", schema: { type: "integer" } },
          ],
          responses: {
            "200": {
              description: "The sync.",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      next_batch: { type: "string", description: "A token." },
                      rooms: {
                        title: "Rooms",
                        type: "object",
                        properties: {
                          joined: {
                            title: "Joined",
                            type: "object",
                            additionalProperties: {
                              title: "Joined Room",
                              type: "object",
                              properties: {
                                event_map: {
                                  title: "EventMap",
                                  type: "object",
                                  additionalProperties: { title: "Event", type: "object", allOf: [{ $ref: "#/components/schemas/Event" }] },
                                },
                                timeline: { title: "Timeline", type: "object", allOf: [{ $ref: "#/components/schemas/TimelineBatch" }] },
                              },
                            },
                          },
                        },
                      },
                      presence: {
                        title: "Presence",
                        type: "object",
                        properties: { kind: { type: "string", enum: ["online", "offline"] } },
                      },
                    },
                  },
                  examples: { response: { value: { next_batch: "s1" } } },
                },
              },
            },
          },
        },
      },
    },
    components: {
      securitySchemes: { accessToken: { type: "apiKey", name: "access_token", in: "query" } },
      schemas: {
        Event: { title: "Event", type: "object", properties: { type: { type: "string" } }, additionalProperties: true },
        RoomEventBatch: { type: "object", properties: { events: { type: "array", items: { type: "string" } } } },
        TimelineBatch: {
          type: "object",
          allOf: [{ $ref: "#/components/schemas/RoomEventBatch" }],
          properties: { limited: { type: "boolean" }, prev_batch: { type: "string" } },
        },
      },
    },
  };
}

/** The changes `edit` makes to the fixture. */
function diffAfter(edit: (document: Json) => void): ContractChange[] {
  const after = fixture();
  edit(after);
  return diffContracts(fixture(), after);
}

const get = (document: Json) => document.paths["/sync"].get;
const body = (document: Json) => get(document).responses["200"].content["application/json"].schema;
const parameter = (document: Json, name: string) => get(document).parameters.find((candidate: Json) => candidate.name === name);

const SAFE = { clients: false, servers: false };
const CLIENTS = { clients: true, servers: false };
const SERVERS = { clients: false, servers: true };
const BOTH = { clients: true, servers: true };

describe("what is not a change", () => {
  test("annotations, examples and x-generated provenance", () => {
    expect(
      diffAfter((document) => {
        document["x-generated"] = { specSha256: "abc" };
        body(document).properties.next_batch.description = "Another description.";
        parameter(document, "since").example = "s2";
        get(document).responses["200"].content["application/json"].examples.response.value = {};
      }),
    ).toEqual([]);
  });

  test("an inline schema moved into a component, and a component inlined", () => {
    expect(
      diffAfter((document) => {
        document.components.schemas.Token = { type: "string" };
        body(document).properties.next_batch = { allOf: [{ $ref: "#/components/schemas/Token" }] };
        const timeline = body(document).properties.rooms.properties.joined.additionalProperties.properties.timeline;
        timeline.allOf = [structuredClone(document.components.schemas.TimelineBatch)];
      }),
    ).toEqual([]);
  });
});

describe("response: servers send, clients read", () => {
  test("an optional property added is safe for both", () => {
    expect(diffAfter((document) => (body(document).properties.account_data = { type: "object" }))).toEqual([
      { kind: "property-added", location: "response /account_data", after: "optional object", breaks: SAFE },
    ]);
  });

  test("a required property added breaks servers", () => {
    expect(
      diffAfter((document) => {
        body(document).properties.account_data = { type: "object" };
        body(document).required = ["account_data"];
      }),
    ).toEqual([{ kind: "property-added", location: "response /account_data", after: "required object", breaks: SERVERS }]);
  });

  test("a property removed breaks clients", () => {
    expect(diffAfter((document) => delete body(document).properties.next_batch)).toEqual([
      { kind: "property-removed", location: "response /next_batch", before: "optional string", breaks: CLIENTS },
    ]);
  });

  test("a property added to a shared component inside allOf shows where the component is used", () => {
    expect(diffAfter((document) => (document.components.schemas.RoomEventBatch.properties.count = { type: "integer" }))).toEqual([
      { kind: "property-added", location: "response /rooms/joined/*/timeline/count", after: "optional integer", breaks: SAFE },
    ]);
  });

  test("an event gaining typed fields: every place an event sits", () => {
    expect(
      diffAfter((document) => {
        Object.assign(document.components.schemas.Event.properties, { sender: { type: "string" }, origin_server_ts: { type: "integer" } });
      }),
    ).toEqual([
      { kind: "property-added", location: "response /rooms/joined/*/event_map/*/sender", after: "optional string", breaks: SAFE },
      {
        kind: "property-added",
        location: "response /rooms/joined/*/event_map/*/origin_server_ts",
        after: "optional integer",
        breaks: SAFE,
      },
    ]);
  });

  test("a type changed between unrelated types breaks both", () => {
    expect(diffAfter((document) => (document.components.schemas.TimelineBatch.properties.limited = { type: "string" }))).toEqual([
      { kind: "type-changed", location: "response /rooms/joined/*/timeline/limited", before: "boolean", after: "string", breaks: BOTH },
    ]);
  });

  test("a widened type breaks clients, a narrowed one servers", () => {
    const widened = diffAfter((document) => (body(document).properties.next_batch = { type: "string", nullable: true }));
    expect(widened).toEqual([
      { kind: "type-changed", location: "response /next_batch", before: "string", after: "null | string", breaks: CLIENTS },
    ]);
    const withNumber = (type: string) => (document: Json) => (document.components.schemas.TimelineBatch.properties.limited = { type });
    const before = fixture();
    withNumber("number")(before);
    const after = fixture();
    withNumber("integer")(after);
    expect(diffContracts(before, after)).toEqual([
      { kind: "type-changed", location: "response /rooms/joined/*/timeline/limited", before: "number", after: "integer", breaks: SERVERS },
    ]);
    expect(diffContracts(after, before)).toEqual([
      { kind: "type-changed", location: "response /rooms/joined/*/timeline/limited", before: "integer", after: "number", breaks: CLIENTS },
    ]);
  });

  test("an object that became a string is one change, not one per property", () => {
    expect(diffAfter((document) => (body(document).properties.presence = { title: "Presence", type: "string" }))).toEqual([
      { kind: "type-changed", location: "response /presence", before: "object", after: "string", breaks: BOTH },
      { kind: "named-type-removed", location: "type Presence", breaks: BOTH },
    ]);
  });

  test("an enum value added breaks clients, one removed breaks servers", () => {
    expect(diffAfter((document) => (body(document).properties.presence.properties.kind.enum = ["online", "unavailable"]))).toEqual([
      { kind: "enum-value-removed", location: "response /presence/kind", before: '"offline"', breaks: SERVERS },
      { kind: "enum-value-added", location: "response /presence/kind", after: '"unavailable"', breaks: CLIENTS },
    ]);
  });

  test("a property made required breaks servers, made optional breaks clients", () => {
    const optional = fixture();
    const required = fixture();
    body(required).required = ["next_batch"];
    expect(diffContracts(optional, required)).toEqual([
      { kind: "required-added", location: "response /next_batch", before: "optional", after: "required", breaks: SERVERS },
    ]);
    expect(diffContracts(required, optional)).toEqual([
      { kind: "required-removed", location: "response /next_batch", before: "required", after: "optional", breaks: CLIENTS },
    ]);
  });

  test("a map's value schema removed opens it to any key and value: breaks clients", () => {
    expect(diffAfter((document) => delete body(document).properties.rooms.properties.joined.additionalProperties)).toEqual([
      {
        kind: "openness-changed",
        location: "response /rooms/joined",
        before: "other keys: object",
        after: "any other keys",
        breaks: CLIENTS,
      },
      { kind: "named-type-removed", location: "type JoinedRoom", breaks: BOTH },
      { kind: "named-type-removed", location: "type EventMap", breaks: BOTH },
      { kind: "named-type-removed", location: "type Event", breaks: BOTH },
      { kind: "named-type-removed", location: "type Timeline", breaks: BOTH },
    ]);
  });
});

describe("openness: the keys an object may have beyond those it lists", () => {
  const event = (document: Json) => document.components.schemas.Event;
  const presence = (document: Json) => body(document).properties.presence;

  test("additionalProperties: true said out loud or left unsaid is no change", () => {
    expect(diffAfter((document) => delete event(document).additionalProperties)).toEqual([]);
  });

  test("a response object closed breaks servers, which may send other keys; opened, it breaks clients", () => {
    const closed = fixture();
    event(closed).additionalProperties = false;
    const location = "response /rooms/joined/*/event_map/*";
    expect(diffContracts(fixture(), closed)).toEqual([
      { kind: "openness-changed", location, before: "any other keys", after: "no other keys", breaks: SERVERS },
    ]);
    expect(diffContracts(closed, fixture())).toEqual([
      { kind: "openness-changed", location, before: "no other keys", after: "any other keys", breaks: CLIENTS },
    ]);
  });

  test("a schema for other keys sits between: narrower than any key, wider than none", () => {
    const typed = fixture();
    presence(typed).additionalProperties = { type: "string" };
    const closed = fixture();
    presence(closed).additionalProperties = false;
    const change = (before: string, after: string, breaks: Json) => [
      { kind: "openness-changed", location: "response /presence", before, after, breaks },
    ];
    expect(diffContracts(fixture(), typed)).toEqual(change("any other keys", "other keys: string", SERVERS));
    expect(diffContracts(typed, fixture())).toEqual(change("other keys: string", "any other keys", CLIENTS));
    expect(diffContracts(closed, typed)).toEqual(change("no other keys", "other keys: string", CLIENTS));
    expect(diffContracts(typed, closed)).toEqual(change("other keys: string", "no other keys", SERVERS));
  });

  test("a schema for other keys that changes is compared inside it, at *", () => {
    const typed = fixture();
    presence(typed).additionalProperties = { type: "string" };
    const wider = fixture();
    presence(wider).additionalProperties = { type: ["string", "integer"] };
    expect(diffContracts(typed, wider)).toEqual([
      { kind: "type-changed", location: "response /presence/*", before: "string", after: "integer | string", breaks: CLIENTS },
    ]);
  });

  test("in the query the sides swap: closing an object parameter breaks clients, opening it servers", () => {
    const open = fixture();
    get(open).parameters.push({ in: "query", name: "filter", schema: { type: "object", properties: { limit: { type: "integer" } } } });
    const closed = structuredClone(open);
    parameter(closed, "filter").schema.additionalProperties = false;
    expect(diffContracts(open, closed)).toEqual([
      { kind: "openness-changed", location: "query ?filter", before: "any other keys", after: "no other keys", breaks: CLIENTS },
    ]);
    expect(diffContracts(closed, open)).toEqual([
      { kind: "openness-changed", location: "query ?filter", before: "no other keys", after: "any other keys", breaks: SERVERS },
    ]);
  });
});

describe("query: clients send, servers read", () => {
  test("an optional parameter added is safe for both, a required one breaks clients", () => {
    const added = (required: boolean) => (document: Json) =>
      get(document).parameters.push({ in: "query", name: "full_state", required, schema: { type: "boolean" } });
    expect(diffAfter(added(false))).toEqual([
      { kind: "parameter-added", location: "query ?full_state", after: "optional boolean", breaks: SAFE },
    ]);
    expect(diffAfter(added(true))).toEqual([
      { kind: "parameter-added", location: "query ?full_state", after: "required boolean", breaks: CLIENTS },
    ]);
  });

  test("a parameter removed breaks clients", () => {
    expect(diffAfter((document) => get(document).parameters.splice(0, 1))).toEqual([
      { kind: "parameter-removed", location: "query ?since", before: "optional string", breaks: CLIENTS },
    ]);
  });

  test("a parameter renamed is removed and added", () => {
    expect(diffAfter((document) => (parameter(document, "timeout").name = "timeout_ms"))).toEqual([
      { kind: "parameter-removed", location: "query ?timeout", before: "optional integer", breaks: CLIENTS },
      { kind: "parameter-added", location: "query ?timeout_ms", after: "optional integer", breaks: SAFE },
    ]);
  });

  test("a parameter made required breaks clients, made optional breaks servers", () => {
    const optional = fixture();
    const required = fixture();
    parameter(required, "since").required = true;
    expect(diffContracts(optional, required)).toEqual([
      { kind: "required-added", location: "query ?since", before: "optional", after: "required", breaks: CLIENTS },
    ]);
    expect(diffContracts(required, optional)).toEqual([
      { kind: "required-removed", location: "query ?since", before: "required", after: "optional", breaks: SERVERS },
    ]);
  });

  test("an enum value removed breaks clients, one added breaks servers", () => {
    expect(diffAfter((document) => (parameter(document, "set_presence").schema.enum = ["online"]))).toEqual([
      { kind: "enum-value-removed", location: "query ?set_presence", before: '"offline"', breaks: CLIENTS },
      { kind: "enum-value-added", location: "query ?set_presence", after: '"online"', breaks: SERVERS },
    ]);
  });

  test("an enum introduced narrows (breaks clients), an enum dropped widens (breaks servers)", () => {
    expect(diffAfter((document) => (parameter(document, "since").schema.enum = ["s1"]))).toEqual([
      { kind: "enum-introduced", location: "query ?since", after: '["s1"]', breaks: CLIENTS },
    ]);
    expect(diffAfter((document) => delete parameter(document, "set_presence").schema.enum)).toEqual([
      { kind: "enum-dropped", location: "query ?set_presence", before: '["offline"]', breaks: SERVERS },
    ]);
  });

  test("a type changed from integer to string breaks both", () => {
    expect(diffAfter((document) => (parameter(document, "timeout").schema = { type: "string" }))).toEqual([
      { kind: "type-changed", location: "query ?timeout", before: "integer", after: "string", breaks: BOTH },
    ]);
  });

  test("another validation keyword changed breaks both", () => {
    expect(diffAfter((document) => (parameter(document, "timeout").schema.maximum = 60000))).toEqual([
      { kind: "constraint-changed", location: "query ?timeout", after: "maximum: 60000", breaks: BOTH },
    ]);
  });
});

describe("named types and the operation", () => {
  test("a new title renames a named type: removed (breaks both) and added (safe)", () => {
    expect(diffAfter((document) => (body(document).properties.presence.title = "Presence Updates"))).toEqual([
      { kind: "named-type-removed", location: "type Presence", breaks: BOTH },
      { kind: "named-type-added", location: "type PresenceUpdates", breaks: SAFE },
    ]);
  });

  test("a new titled object property brings its named type", () => {
    const accountData = { title: "Account Data", type: "object", properties: { events: { type: "array", items: { type: "object" } } } };
    expect(diffAfter((document) => (body(document).properties.account_data = accountData))).toEqual([
      { kind: "property-added", location: "response /account_data", after: "optional object", breaks: SAFE },
      { kind: "named-type-added", location: "type AccountData", breaks: SAFE },
    ]);
  });

  test("the base path and the access token parameter", () => {
    expect(
      diffAfter((document) => {
        document.servers[0].url = "https://localhost/_matrix/client/r0";
        document.components.securitySchemes.accessToken.name = "token";
      }),
    ).toEqual([
      {
        kind: "operation-changed",
        location: "operation base path",
        before: "/_matrix/client/v2_alpha",
        after: "/_matrix/client/r0",
        breaks: BOTH,
      },
      { kind: "operation-changed", location: "operation access token parameter", before: "access_token", after: "token", breaks: BOTH },
    ]);
  });
});

describe("documents the diff cannot read", () => {
  test("text that is not JSON names the document and the position", () => {
    expect(() => readContractText('{\n  "openapi": 3,,\n}', "generated/openapi.json at HEAD")).toThrow(
      new ContractDocumentError(
        "generated/openapi.json at HEAD is not JSON: Unexpected character ',', expected a property name in double quotes (line 2, column 16)",
      ),
    );
  });

  test("JSON that is not an OpenAPI 3 document", () => {
    expect(() => readContract([], "x.json")).toThrow(
      new ContractDocumentError("x.json is not an OpenAPI document: it is not a JSON object"),
    );
    expect(() => readContract({ swagger: "2.0" }, "x.json")).toThrow(
      new ContractDocumentError('x.json is not an OpenAPI 3 document: it has no "openapi": "3.x" version field'),
    );
  });

  test("an OpenAPI document without the one operation", () => {
    const document = fixture();
    document.paths["/other"] = { get: get(document) };
    expect(() => readContract(document, "x.json")).toThrow(
      new ContractDocumentError(
        "x.json does not describe the operation as the pipeline writes it: the spec must describe exactly one operation; it describes 2",
      ),
    );
  });
});

test("a schema that contains itself is compared by name where it recurs", () => {
  const components = { Node: { type: "object", properties: { child: { $ref: "#/components/schemas/Node" } } } };
  expect(shapeOf({ $ref: "#/components/schemas/Node" }, components).properties.child).toEqual({
    types: null,
    enum: null,
    properties: {},
    required: [],
    additional: null,
    closed: false,
    items: null,
    constraints: { $ref: "Node" },
  });
});

describe("renderers", () => {
  const changes: ContractChange[] = [
    { kind: "type-changed", location: "query ?timeout", before: "integer", after: "string | null", breaks: BOTH },
    { kind: "property-removed", location: "response /next_batch", before: "optional string", breaks: CLIENTS },
    { kind: "named-type-added", location: "type AccountData", breaks: SAFE },
  ];

  test("text", () => {
    expect(renderChanges(changes, "text", "HEAD~1")).toBe(
      [
        "3 contract changes against HEAD~1: 2 break clients, 1 breaks servers",
        "  breaks clients and servers  type-changed      query ?timeout: integer → string | null",
        "  breaks clients              property-removed  response /next_batch: was optional string",
        "  safe                        named-type-added  type AccountData",
        "",
      ].join("\n"),
    );
    expect(renderChanges([], "text", "HEAD~1")).toBe("no contract changes against HEAD~1\n");
  });

  test("markdown, with pipes escaped inside the table", () => {
    expect(renderChanges(changes, "markdown", "main")).toBe(
      [
        "### Contract changes against `main`",
        "",
        "3 contract changes: 2 break clients, 1 breaks servers.",
        "",
        "| Change | Where | Before | After | Clients | Servers |",
        "|---|---|---|---|---|---|",
        "| type-changed | `query ?timeout` | `integer` | `string \\| null` | **breaks** | **breaks** |",
        "| property-removed | `response /next_batch` | `optional string` |  | **breaks** | safe |",
        "| named-type-added | `type AccountData` |  |  | safe | safe |",
        "",
      ].join("\n"),
    );
    expect(renderChanges([], "markdown", "main")).toBe("### Contract changes against `main`\n\nNo contract changes.\n");
  });

  test("json", () => {
    expect(JSON.parse(renderChanges(changes, "json", "v0.1.0"))).toEqual({
      against: "v0.1.0",
      summary: { changes: 3, breakingForClients: 2, breakingForServers: 1 },
      changes,
    });
  });
});

describe("the summary npm run generate ends with", () => {
  const text = (document: Json) => JSON.stringify(document);

  test("the changes against the previous openapi.json, or none", () => {
    const after = fixture();
    delete body(after).properties.next_batch;
    expect(summarizeRegeneration(text(fixture()), text(after))).toBe(
      [
        "1 contract change against the previous generated/openapi.json: 1 breaks clients, 0 break servers",
        "  breaks clients  property-removed  response /next_batch: was optional string",
        "",
      ].join("\n"),
    );
    expect(summarizeRegeneration(text(fixture()), text(fixture()))).toBe(
      "no contract changes against the previous generated/openapi.json\n",
    );
  });

  test("a previous file that is missing or unreadable is said in one line", () => {
    expect(summarizeRegeneration(undefined, text(fixture()))).toBe(
      "contract diff: there is no previous generated/openapi.json to compare with\n",
    );
    expect(summarizeRegeneration("{", text(fixture()))).toBe(
      "contract diff: not compared, because the previous generated/openapi.json is not JSON: Unexpected end of JSON input (line 1, column 2)\n",
    );
    expect(summarizeRegeneration('{"swagger": "2.0"}', text(fixture()))).toBe(
      'contract diff: not compared, because the previous generated/openapi.json is not an OpenAPI 3 document: it has no "openapi": "3.x" version field\n',
    );
  });
});
