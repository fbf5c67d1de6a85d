/** The layout (scripts/generate/schema-layout.ts): the schemas of a small document named and laid out as definitions. */
import { describe, expect, test } from "vitest";
import { extractOperation } from "../scripts/generate/operation.js";
import { layOutSchemas, querySchema } from "../scripts/generate/schema-layout.js";
import type { JsonSchema, OpenApiDocument } from "../scripts/generate/types.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const events = { type: "array", items: ref("Event") };

/** Two `State`s of one structure and one of another, a shared component a title also names, a query parameter. */
function document(): OpenApiDocument {
  const body: JsonSchema = {
    type: "object",
    properties: {
      rooms: {
        title: "Rooms",
        type: "object",
        properties: {
          joined: { title: "State", type: "object", description: "Joined state.", properties: { events } },
          left: { title: "State", type: "object", description: "Left state.", properties: { events } },
          archived: { title: "State", type: "object", properties: { left_at: { type: "integer" } } },
        },
      },
      timeline: { title: "Timeline", type: "object", allOf: [ref("Timeline")] },
    },
  };
  return {
    openapi: "3.0.0",
    components: {
      schemas: {
        Event: { title: "Event", type: "object", properties: { type: { type: "string" } } },
        Timeline: { type: "object", properties: { events, limited: { type: "boolean" } } },
      },
    },
    paths: {
      "/sync": {
        get: {
          parameters: [{ in: "query", name: "since", description: "A token.", schema: { type: "string" } }],
          responses: { "200": { description: "The sync.", content: { "application/json": { schema: body } } } },
        },
      },
    },
  };
}

const layout = (doc: OpenApiDocument) => layOutSchemas(doc, extractOperation(doc));
const definition = (name: string) => ({ $ref: `#/definitions/${name}` });

describe("layOutSchemas", () => {
  test("names the response, then each titled object in the order reached, then the query", () => {
    expect(layout(document()).names).toEqual(["SyncResponse", "Rooms", "State", "Event", "RoomsState", "Timeline", "SyncQuery"]);
  });

  test("lays the schemas out as definitions that refer to each other by name", () => {
    const { definitions } = layout(document());
    expect(Object.keys(definitions)).toEqual([
      "SyncResponse",
      "Rooms",
      "State",
      "Event",
      "RoomsState",
      "Timeline",
      "TimelineSchema",
      "SyncQuery",
    ]);
    expect(definitions).toEqual({
      SyncResponse: {
        type: "object",
        properties: { rooms: definition("Rooms"), timeline: definition("Timeline") },
        description: "The sync.",
      },
      Rooms: {
        title: "Rooms",
        type: "object",
        properties: {
          joined: { ...definition("State"), description: "Joined state." },
          left: { ...definition("State"), description: "Left state." },
          archived: definition("RoomsState"),
        },
      },
      State: {
        title: "State",
        type: "object",
        description: "Joined state.",
        properties: { events: { type: "array", items: definition("Event") } },
      },
      Event: { title: "Event", type: "object", properties: { type: { type: "string" } } },
      RoomsState: { title: "State", type: "object", properties: { left_at: { type: "integer" } } },
      Timeline: { title: "Timeline", type: "object", allOf: [definition("TimelineSchema")] },
      TimelineSchema: {
        type: "object",
        properties: { events: { type: "array", items: definition("Event") }, limited: { type: "boolean" } },
      },
      SyncQuery: {
        description: "The query parameters of GET /sync.",
        type: "object",
        properties: { since: { type: "string", description: "A token." } },
      },
    });
  });

  test("the response keeps its own description, and is named by its title when it has one", () => {
    const doc = document();
    const body = doc.paths!["/sync"]!.get!.responses!["200"]!.content!["application/json"]!.schema!;
    Object.assign(body, { title: "Sync body", description: "What the server sends." });
    const { names, definitions } = layout(doc);
    expect(names[0]).toBe("SyncBody");
    expect(definitions.SyncBody!.description).toBe("What the server sends.");
  });

  test("a reference to a component that is not there is an error, not a silent gap", () => {
    const doc = document();
    doc.components!.schemas!.Timeline!.properties = { thread: ref("Thread") };
    expect(() => layout(doc)).toThrow('the $ref "#/components/schemas/Thread" refers to no schema of the document');
  });
});

describe("querySchema", () => {
  test("one object: each parameter's schema with its description and example, and the required ones listed", () => {
    const parameters = [
      { in: "query", name: "timeout", required: true, example: 30000, description: "How long.", schema: { type: "integer" } },
      { in: "query", name: "since", schema: { type: "string" } },
    ];
    expect(querySchema(parameters, "The query.")).toEqual({
      description: "The query.",
      type: "object",
      properties: { timeout: { type: "integer", example: 30000, description: "How long." }, since: { type: "string" } },
      required: ["timeout"],
    });
    expect(querySchema([], "None.")).toEqual({ description: "None.", type: "object", properties: {} });
  });
});
