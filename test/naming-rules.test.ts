/** The naming rules (scripts/generate/schema-names.ts), one by one; docs/naming.md. */
import { describe, expect, test } from "vitest";
import {
  isObjectSchema,
  NameBook,
  queryName,
  responseName,
  structureKey,
  titleNames,
  wrappedSchema,
} from "../scripts/generate/schema-names.js";
import type { JsonSchema } from "../scripts/generate/types.js";

const event = {
  title: "Event",
  description: "An event.",
  type: "object",
  properties: { type: { type: "string", description: "Its type." } },
};
const components: Record<string, JsonSchema> = {
  Event: event,
  Node: { type: "object", properties: { next: { $ref: "#/components/schemas/Node" } } },
};

describe("the names of the response and the query", () => {
  test("the response by its title, or by the path and Response; the query by the path and Query", () => {
    expect(responseName("/sync", { title: "Sync body", type: "object" })).toBe("SyncBody");
    expect(responseName("/sync", { type: "object" })).toBe("SyncResponse");
    expect(queryName("/rooms/{roomId}/messages")).toBe("RoomsRoomIdMessagesQuery");
  });
});

describe("titleNames", () => {
  test("is every title in the document in PascalCase, and nothing that only sits under a key called title", () => {
    const document = {
      openapi: "3.0.0",
      components: { schemas: { A: { title: "Joined Room" }, B: { title: "event_batch", properties: { title: { type: "string" } } } } },
    };
    expect([...titleNames(document)]).toEqual(["JoinedRoom", "EventBatch"]);
  });
});

describe("isObjectSchema", () => {
  test("a schema of type object, or one without a type that has what only objects have", () => {
    const cases: [JsonSchema, boolean][] = [
      [{ type: "object" }, true],
      [{ properties: {} }, true],
      [{ additionalProperties: true }, true],
      [{ allOf: [] }, true],
      [{ additionalProperties: false }, false],
      [{ type: "string", properties: {} }, false],
      [{}, false],
    ];
    expect(cases.map(([schema]) => isObjectSchema(schema))).toEqual(cases.map(([, expected]) => expected));
  });
});

describe("wrappedSchema", () => {
  const wrapper = (own: JsonSchema) => ({ allOf: [{ $ref: "#/components/schemas/Event" }], ...own });

  test("a schema with annotations, its target's type and a single allOf $ref wraps the target", () => {
    expect(wrappedSchema(wrapper({ title: "Event", description: "Here.", type: "object", "x-note": 1 }), components)).toBe(event);
    expect(wrappedSchema(wrapper({}), components)).toBe(event);
  });

  test("a schema that constrains anything itself wraps nothing", () => {
    expect(wrappedSchema(wrapper({ type: "array" }), components)).toBeUndefined();
    expect(wrappedSchema(wrapper({ required: ["type"] }), components)).toBeUndefined();
    expect(wrappedSchema({ allOf: [{ $ref: "#/components/schemas/Event" }, { type: "object" }] }, components)).toBeUndefined();
    expect(wrappedSchema({ allOf: [{ $ref: "#/components/schemas/Missing" }] }, components)).toBeUndefined();
  });
});

describe("structureKey", () => {
  const eventStructure = '{"properties":{"type":{"type":"string"}},"type":"object"}';

  test("drops annotations, sorts keys, and follows references and wrappers", () => {
    expect(structureKey(event, components)).toBe(eventStructure);
    expect(structureKey({ $ref: "#/components/schemas/Event", description: "Elsewhere." }, components)).toBe(eventStructure);
    expect(structureKey({ title: "Event", type: "object", allOf: [{ $ref: "#/components/schemas/Event" }] }, components)).toBe(
      eventStructure,
    );
    expect(structureKey({ type: "array", items: { $ref: "#/components/schemas/Event" }, example: [] }, components)).toBe(
      `{"items":${eventStructure},"type":"array"}`,
    );
  });

  test("writes a component reached again inside itself by its name", () => {
    expect(structureKey({ $ref: "#/components/schemas/Node" }, components)).toBe(
      '{"properties":{"next":{"$recursive":"Node"}},"type":"object"}',
    );
  });
});

describe("NameBook", () => {
  test("claims a title once per structure, prefixing the nearest named ancestor while the name stands for another", () => {
    const book = new NameBook(new Set());
    expect(book.claim("Joined Room", "A", "Rooms")).toEqual({ name: "JoinedRoom", isNew: true });
    expect(book.claim("joined room", "A", "Elsewhere")).toEqual({ name: "JoinedRoom", isNew: false });
    expect(book.claim("Joined Room", "B", "ArchivedRoom")).toEqual({ name: "ArchivedRoomJoinedRoom", isNew: true });
    expect(book.claim("Joined Room", "C", "Archived")).toEqual({ name: "ArchivedJoinedRoom", isNew: true });
  });

  test("keeps the response's name for the response", () => {
    const book = new NameBook(new Set());
    book.reserve("SyncResponse", "body");
    expect(book.claim("Sync Response", "other", "Rooms")).toEqual({ name: "RoomsSyncResponse", isNew: true });
    expect(book.claim("Sync Response", "body", "Rooms")).toEqual({ name: "SyncResponse", isNew: false });
  });

  test("keeps shared components under their component name, followed by Schema while a title gives or gave that name", () => {
    const book = new NameBook(new Set(["ToDevice"]));
    book.claim("State", "A", "Rooms");
    expect(book.sharedKey("ToDevice")).toBe("ToDeviceSchema");
    expect(book.sharedKey("ToDevice")).toBe("ToDeviceSchema");
    expect(book.sharedKey("State")).toBe("StateSchema");
    expect(book.sharedKey("EventBatch")).toBe("EventBatch");
    // A title claimed after the shared key was given is prefixed instead.
    expect(book.claim("Event Batch", "B", "Timeline")).toEqual({ name: "TimelineEventBatch", isNew: true });
  });
});
