import type { StandardSchemaV1 } from "@standard-schema/spec";
import { describe, expectTypeOf, it } from "vitest";
import type { Check } from "../src/check.js";
import { checkEvent, checkSyncResponse, checks, type Event, type SchemaName, type SchemaTypes, type SyncResponse } from "../src/index.js";

describe("the checks' Standard Schema types, against @standard-schema/spec's own", () => {
  it("a check is a StandardSchemaV1 from unknown to its schema's type", () => {
    const schema: StandardSchemaV1<unknown, SyncResponse> = checkSyncResponse;
    expectTypeOf(schema).toExtend<StandardSchemaV1>();
    expectTypeOf<StandardSchemaV1.InferInput<typeof checkSyncResponse>>().toEqualTypeOf<unknown>();
    expectTypeOf<StandardSchemaV1.InferOutput<typeof checkSyncResponse>>().toEqualTypeOf<SyncResponse>();
    expectTypeOf<StandardSchemaV1.InferOutput<typeof checkEvent>>().toEqualTypeOf<Event>();
  });

  it("every check, by name, and the Check type itself", () => {
    expectTypeOf<(typeof checks)[SchemaName]>().toExtend<StandardSchemaV1>();
    expectTypeOf<Check<SchemaTypes["Rooms"]>>().toExtend<StandardSchemaV1<unknown, SchemaTypes["Rooms"]>>();
  });

  it("a check's output is its own type, not anything", () => {
    expectTypeOf(checkEvent).not.toExtend<StandardSchemaV1<unknown, { type: number }>>();
    // @ts-expect-error an Event's type is an optional string
    const wrong: StandardSchemaV1<unknown, { type: number }> = checkEvent;
    expectTypeOf(wrong).toExtend<StandardSchemaV1>();
  });
});
