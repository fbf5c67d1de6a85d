import { describe, expectTypeOf, it } from "vitest";
import type { Closed, Event, JoinedRoom, SchemaTypes, SyncQuery, SyncResponse, Timeline, paths } from "../src/index.js";
import { checkSyncResponse, parseSyncRequest, validateJoinedRoom } from "../src/index.js";

type ResponseBody = paths["/sync"]["get"]["responses"][200]["content"]["application/json"];
type QueryParameters = NonNullable<paths["/sync"]["get"]["parameters"]["query"]>;

describe("named types and openapi-typescript types", () => {
  it("agree on the response body, both ways", () => {
    expectTypeOf<SyncResponse>().toExtend<ResponseBody>();
    expectTypeOf<ResponseBody>().toExtend<SyncResponse>();
  });

  it("agree on the query, both ways", () => {
    expectTypeOf<SyncQuery>().toExtend<QueryParameters>();
    expectTypeOf<QueryParameters>().toExtend<SyncQuery>();
  });

  it("agree on a nested named type", () => {
    type JoinedRoomOfPaths = NonNullable<NonNullable<ResponseBody["rooms"]>["joined"]>[string];
    expectTypeOf<JoinedRoom>().toExtend<JoinedRoomOfPaths>();
    expectTypeOf<JoinedRoomOfPaths>().toExtend<JoinedRoom>();
  });
});

describe("named types", () => {
  it("merge an allOf into one interface, open to other keys as the schemas are", () => {
    expectTypeOf<Timeline>().toEqualTypeOf<{ limited?: boolean; prev_batch?: string; events?: string[]; [k: string]: unknown }>();
    expectTypeOf<Closed.Timeline>().toEqualTypeOf<{ limited?: boolean; prev_batch?: string; events?: string[] }>();
  });

  it("keep the keys an event may carry beyond those the schema lists", () => {
    expectTypeOf<Event["origin_server_ts"]>().toEqualTypeOf<unknown>();
    expectTypeOf<Event["content"]>().toEqualTypeOf<{ [k: string]: unknown } | undefined>();
  });

  it("map every name to its type", () => {
    expectTypeOf<SchemaTypes["JoinedRoom"]>().toEqualTypeOf<JoinedRoom>();
    expectTypeOf<Closed.SchemaTypes["JoinedRoom"]>().toEqualTypeOf<Closed.JoinedRoom>();
  });

  it("reject a literal with a field of the wrong type", () => {
    // @ts-expect-error next_batch is a string
    const wrongToken: SyncResponse = { next_batch: 72595 };
    // @ts-expect-error limited is a boolean
    const wrongLimited: Timeline = { limited: "yes" };
    // @ts-expect-error set_presence allows only "offline"
    const wrongPresence: SyncQuery = { set_presence: "online" };
    // @ts-expect-error a misspelt field is not a field of the closed SyncResponse
    const misspelt: Closed.SyncResponse = { nextbatch: "s1" };
    // @ts-expect-error the closed types check field types as the open ones do
    const closedWrongLimited: Closed.Timeline = { limited: "yes" };
    expectTypeOf([wrongToken, wrongLimited, wrongPresence, misspelt, closedWrongLimited]).toBeArray();
  });

  it("accept a key the schema does not list, as the validators do, and type it unknown", () => {
    const withOtherKey: SyncResponse = { nextbatch: "s1" };
    expectTypeOf(withOtherKey.nextbatch).toEqualTypeOf<unknown>();
    expectTypeOf(withOtherKey.next_batch).toEqualTypeOf<string | undefined>();
  });
});

describe("runtime functions", () => {
  it("narrow what they accept", () => {
    const value: unknown = {};
    if (validateJoinedRoom(value)) expectTypeOf(value).toEqualTypeOf<JoinedRoom>();
    const result = checkSyncResponse(value);
    if (result.valid) expectTypeOf(result.value).toEqualTypeOf<SyncResponse>();
    const parsed = parseSyncRequest("?timeout=1");
    if (parsed.ok) expectTypeOf(parsed.query).toEqualTypeOf<SyncQuery>();
  });
});
