import { describe, expect, it } from "vitest";
import openapi from "../generated/openapi.json" with { type: "json" };
import { nameSchemas } from "../scripts/generate/4-name-schemas.js";
import { pascalCase } from "../scripts/utils/naming.js";

const document = () => structuredClone(openapi) as any;
const rooms = (doc: any) => doc.paths["/sync"].get.responses["200"].content["application/json"].schema.properties.rooms.properties;

describe("naming the schemas", () => {
  it("turns titles and paths into PascalCase", () => {
    expect(["Joined Room", "EventMap", "event_batch", "/sync", "invite state"].map(pascalCase)).toEqual([
      "JoinedRoom", "EventMap", "EventBatch", "Sync", "InviteState",
    ]);
  });

  it("gives one name to a title on the same structure, wherever it occurs", () => {
    const { occurrences } = nameSchemas(document());
    expect(occurrences.State).toEqual([["rooms", "joined", null, "state"], ["rooms", "archived", null, "state"]]);
    expect(occurrences.Event).toEqual([["rooms", "joined", null, "event_map", null], ["rooms", "archived", null, "event_map", null]]);
  });

  it("prefixes a title on a different structure with its nearest named ancestor", () => {
    const doc = document();
    const archivedState = rooms(doc).archived.additionalProperties.properties.state;
    archivedState.properties = { left_at: { type: "integer" } };
    const { names, definitions, occurrences } = nameSchemas(doc);
    expect(names).toContain("State");
    expect(names).toContain("ArchivedRoomState");
    expect(occurrences.ArchivedRoomState).toEqual([["rooms", "archived", null, "state"]]);
    expect(definitions.ArchivedRoom!.properties.state.$ref).toBe("#/definitions/ArchivedRoomState");
  });

  it("keeps a titled string inline instead of naming it", () => {
    const doc = document();
    rooms(doc).joined.additionalProperties.properties.summary = { title: "Room Summary", type: "string" };
    const { names, definitions } = nameSchemas(doc);
    expect(names).not.toContain("RoomSummary");
    expect(definitions.JoinedRoom!.properties.summary).toEqual({ title: "Room Summary", type: "string" });
  });

  it("names a schema that contains itself once, and records its places down to where it recurs", () => {
    const doc = document();
    doc.components.schemas.Thread = { title: "Thread", type: "object", properties: { parent: { $ref: "#/components/schemas/Thread" } } };
    rooms(doc).joined.additionalProperties.properties.thread = { $ref: "#/components/schemas/Thread" };
    const { names, definitions, occurrences } = nameSchemas(doc);
    expect(names.filter((name) => name === "Thread")).toEqual(["Thread"]);
    expect(definitions.Thread).toEqual({ title: "Thread", type: "object", properties: { parent: { $ref: "#/definitions/Thread" } } });
    expect(occurrences.Thread).toEqual([["rooms", "joined", null, "thread"], ["rooms", "joined", null, "thread", "parent"]]);
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
