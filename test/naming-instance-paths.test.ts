/** Where the named schemas occur (scripts/generate/instance-paths.ts): from the response's root, and inside each other. */
import { describe, expect, test } from "vitest";
import openapi from "../generated/openapi.json" with { type: "json" };
import { nestedInstances as generatedNestedInstances, schemaNames } from "../generated/contract.js";
import { nameSchemas } from "../scripts/generate/4-name-schemas.js";
import { instancePaths, nestedInstances } from "../scripts/generate/instance-paths.js";
import type { JsonSchema, OpenApiDocument } from "../scripts/generate/types.js";

const ref = (name: string) => ({ $ref: `#/definitions/${name}` });

/** The definitions of naming-layout.test.ts's document, as laid out. */
const definitions: Record<string, JsonSchema> = {
  SyncResponse: { type: "object", properties: { rooms: ref("Rooms"), timeline: ref("Timeline") } },
  Rooms: {
    type: "object",
    properties: { joined: { ...ref("State"), description: "Joined." }, left: ref("State"), archived: ref("RoomsState") },
  },
  State: { type: "object", properties: { events: { type: "array", items: ref("Event") } } },
  Event: { type: "object", properties: { type: { type: "string" } } },
  RoomsState: { type: "object", properties: { left_at: { type: "integer" } } },
  Timeline: { type: "object", allOf: [ref("TimelineSchema")] },
  TimelineSchema: { type: "object", properties: { events: { type: "array", items: ref("Event") } } },
  SyncQuery: { type: "object", properties: { since: { type: "string" } } },
};
const names = ["SyncResponse", "Rooms", "State", "Event", "RoomsState", "Timeline", "SyncQuery"];
const paths = {
  SyncResponse: [[]],
  Rooms: [["rooms"]],
  State: [
    ["rooms", "joined"],
    ["rooms", "left"],
  ],
  Event: [
    ["rooms", "joined", "events", null],
    ["rooms", "left", "events", null],
    ["timeline", "events", null],
  ],
  RoomsState: [["rooms", "archived"]],
  Timeline: [["timeline"]],
};

describe("instancePaths", () => {
  test("every path from the response's root to each named schema, through shared definitions and allOf", () => {
    const found = instancePaths(definitions, names, "SyncResponse");
    expect(found).toEqual(paths);
    expect(Object.keys(found)).toEqual(["SyncResponse", "Rooms", "State", "Event", "RoomsState", "Timeline"]);
  });

  test("records a schema reached inside itself, and does not walk it again", () => {
    const recursive: Record<string, JsonSchema> = {
      Root: { properties: { node: ref("Node") } },
      Node: { properties: { next: ref("Node"), shared: ref("Shared") } },
      Shared: { additionalProperties: ref("Leaf") },
      Leaf: { type: "object" },
    };
    expect(instancePaths(recursive, ["Root", "Node", "Leaf"], "Root")).toEqual({
      Root: [[]],
      Node: [["node"], ["node", "next"]],
      Leaf: [["node", "shared", null]],
    });
  });
});

describe("nestedInstances", () => {
  test("the same places relative to an instance of each named schema, once each", () => {
    expect(nestedInstances(names, paths)).toEqual({
      SyncResponse: paths,
      Rooms: {
        Rooms: [[]],
        State: [["joined"], ["left"]],
        Event: [
          ["joined", "events", null],
          ["left", "events", null],
        ],
        RoomsState: [["archived"]],
      },
      State: { State: [[]], Event: [["events", null]] },
      Event: { Event: [[]] },
      RoomsState: { RoomsState: [[]] },
      Timeline: { Event: [["events", null]], Timeline: [[]] },
      SyncQuery: {},
    });
  });

  test("for the spec, is the table generated/contract.ts declares", () => {
    const named = nameSchemas(structuredClone(openapi) as OpenApiDocument);
    expect(named.names).toEqual(schemaNames);
    expect(nestedInstances(named.names, named.instancePaths)).toEqual(generatedNestedInstances);
  });
});
