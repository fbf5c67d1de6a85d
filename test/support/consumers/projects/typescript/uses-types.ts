// Must type-check: the named types, and a check that narrows to them.
import type { JoinedRoom, SyncResponse } from "matrix-sync-contract";
import { checkSyncResponse } from "matrix-sync-contract";

const room: JoinedRoom = {
  event_map: { "$1:example.com": { type: "m.room.message", content: { body: "hello" } } },
  timeline: { events: ["$1:example.com"], limited: false },
};

export const response: SyncResponse = { next_batch: "s1", rooms: { joined: { "!room:example.com": room } } };

const result = checkSyncResponse(JSON.parse("{}"));
export const nextBatch: string | undefined = result.valid ? result.value.next_batch : undefined;
