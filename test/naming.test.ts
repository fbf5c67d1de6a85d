import { describe, expect, it } from "vitest";
import openapi from "../generated/openapi.json" with { type: "json" };
import { nameSchemas } from "../scripts/generate/4-name-schemas.js";
import type { JsonSchema, NamedSchemas, OpenApiDocument } from "../scripts/generate/types.js";
import { pascalCase } from "../scripts/utils/index.js";

const document = () => structuredClone(openapi) as OpenApiDocument;
/** The schema at `path` below the response body's `rooms` properties. */
function roomsSchema(doc: OpenApiDocument, ...path: string[]): JsonSchema {
  let node: unknown = doc.paths?.["/sync"]?.get?.responses?.["200"]?.content?.["application/json"]?.schema;
  for (const key of ["properties", "rooms", "properties", ...path]) node = (node as JsonSchema)[key];
  return node as JsonSchema;
}

/** What the assertions below read of the definitions. */
interface Definitions {
  ArchivedRoom?: { properties: { state: { $ref: unknown } } };
  JoinedRoom?: { properties: { summary: unknown } };
  Thread?: unknown;
}
const named = (doc: OpenApiDocument) => nameSchemas(doc) as Omit<NamedSchemas, "definitions"> & { definitions: Definitions };

describe("naming the schemas", () => {
  it("turns titles and paths into PascalCase", () => {
    expect(["Joined Room", "EventMap", "event_batch", "/sync", "invite state"].map(pascalCase)).toEqual([
      "JoinedRoom",
      "EventMap",
      "EventBatch",
      "Sync",
      "InviteState",
    ]);
  });

  it("gives one name to a title on the same structure, wherever it occurs", () => {
    const { instancePaths } = named(document());
    expect(instancePaths.State).toEqual([
      ["rooms", "joined", null, "state"],
      ["rooms", "archived", null, "state"],
    ]);
    expect(instancePaths.Event).toEqual([
      ["rooms", "joined", null, "event_map", null],
      ["rooms", "archived", null, "event_map", null],
    ]);
  });

  it("prefixes a title on a different structure with its nearest named ancestor", () => {
    const doc = document();
    const archivedState = roomsSchema(doc, "archived", "additionalProperties", "properties", "state");
    archivedState.properties = { left_at: { type: "integer" } };
    const { names, definitions, instancePaths } = named(doc);
    expect(names).toContain("State");
    expect(names).toContain("ArchivedRoomState");
    expect(instancePaths.ArchivedRoomState).toEqual([["rooms", "archived", null, "state"]]);
    expect(definitions.ArchivedRoom!.properties.state.$ref).toBe("#/definitions/ArchivedRoomState");
  });

  it("keeps a titled string inline instead of naming it", () => {
    const doc = document();
    roomsSchema(doc, "joined", "additionalProperties", "properties").summary = { title: "Room Summary", type: "string" };
    const { names, definitions } = named(doc);
    expect(names).not.toContain("RoomSummary");
    expect(definitions.JoinedRoom!.properties.summary).toEqual({ title: "Room Summary", type: "string" });
  });

  it("names a schema that contains itself once, and records its places down to where it recurs", () => {
    const doc = document();
    doc.components!.schemas!.Thread = { title: "Thread", type: "object", properties: { parent: { $ref: "#/components/schemas/Thread" } } };
    roomsSchema(doc, "joined", "additionalProperties", "properties").thread = { $ref: "#/components/schemas/Thread" };
    const { names, definitions, instancePaths } = named(doc);
    expect(names.filter((name) => name === "Thread")).toEqual(["Thread"]);
    expect(definitions.Thread).toEqual({ title: "Thread", type: "object", properties: { parent: { $ref: "#/definitions/Thread" } } });
    expect(instancePaths.Thread).toEqual([
      ["rooms", "joined", null, "thread"],
      ["rooms", "joined", null, "thread", "parent"],
    ]);
  });

  it("describes the operation from the spec", () => {
    expect(nameSchemas(document()).operation).toEqual({
      method: "get",
      path: "/sync",
      basePath: "/_matrix/client/v2_alpha",
      accessTokenParameter: "access_token",
      query: {
        filter: { type: "string", required: false },
        since: { type: "string", required: false },
        set_presence: { type: "string", required: false },
        timeout: { type: "integer", required: false },
      },
      queryName: "SyncQuery",
      responseName: "SyncResponse",
    });
  });
});
