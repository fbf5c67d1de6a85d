// Must type-check: a check is a StandardSchemaV1 as @standard-schema/spec declares it, and sValidator infers its output.
import { sValidator } from "@hono/standard-validator";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { Hono } from "hono";
import { checkEvent, checkSyncResponse, type Event, type SyncResponse } from "matrix-sync-contract";

export const schema: StandardSchemaV1<unknown, SyncResponse> = checkSyncResponse;
export const eventSchema: StandardSchemaV1<unknown, Event> = checkEvent;

export const app = new Hono().post("/sync", sValidator("json", checkSyncResponse), (c) => {
  const body: SyncResponse = c.req.valid("json");
  return c.json({ next: body.next_batch ?? null });
});
