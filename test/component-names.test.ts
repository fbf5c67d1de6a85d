/**
 * generated/component-names.ts's `componentNames`: for each component of the OpenAPI document, the named
 * types of its shape (scripts/generate/component-names.ts); test/component-names.test-d.ts holds the
 * types to it.
 */
import { describe, expect, it } from "vitest";
import { componentNames } from "../generated/component-names.js";
import { schemas } from "../generated/schemas.js";
import type { SchemaName } from "../generated/types.js";
import openapi from "../generated/openapi.json" with { type: "json" };
import { componentNames as pair } from "../scripts/generate/component-names.js";
import type { SchemaLayout } from "../scripts/generate/types.js";

describe("componentNames", () => {
  it("pairs every component of the document with the named types of its shape", () => {
    expect(Object.keys(componentNames)).toEqual(Object.keys(openapi.components.schemas));
    expect(componentNames).toEqual({
      Event: ["Event"],
      RoomEventBatch: ["State"],
      TimelineBatch: ["Timeline"],
      EventBatch: ["Ephemeral", "InviteState", "Presence"],
    });
  });

  it("names only types whose schema is the component, or refers to it and adds nothing", () => {
    for (const [component, names] of Object.entries(componentNames)) {
      for (const name of names as readonly SchemaName[]) {
        const { title, allOf } = schemas[name];
        expect(name === component ? title : allOf).toEqual(name === component ? component : [{ $ref: `#/definitions/${component}` }]);
      }
    }
  });
});

describe("the pairing of scripts/generate/component-names.ts", () => {
  const ref = (key: string) => ({ $ref: `#/definitions/${key}` });
  const layout = (definitions: SchemaLayout["definitions"], components: Record<string, string>): SchemaLayout => ({
    names: Object.keys(definitions).filter((key) => key !== "Batch"),
    definitions,
    origins: {},
    components,
  });

  it("takes a named type that is the component, or wraps it with annotations only", () => {
    const definitions = {
      Event: { title: "Event", type: "object" },
      State: { title: "State", type: "object", description: "D.", allOf: [{ ...ref("Batch"), description: "R." }] },
      Batch: { type: "object", properties: { events: { type: "array" } } },
    };
    expect(pair(layout(definitions, { Event: "Event", RoomEventBatch: "Batch" }))).toEqual({ Event: ["Event"], RoomEventBatch: ["State"] });
  });

  it("leaves out a type that adds to the component, and a component no type has the shape of", () => {
    const definitions = {
      Timeline: { type: "object", allOf: [ref("Batch")], properties: { limited: { type: "boolean" } } },
      Listed: { type: "array", allOf: [ref("Batch")] },
      Batch: { type: "object" },
    };
    expect(pair(layout(definitions, { RoomEventBatch: "Batch" }))).toEqual({});
  });
});
