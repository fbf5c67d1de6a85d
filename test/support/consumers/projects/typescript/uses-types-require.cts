// The same types from a CommonJS module, which TypeScript resolves through the `require` condition.
import type { JoinedRoom, SyncResponse } from "matrix-sync-contract";

const room: JoinedRoom = { timeline: { events: [], limited: true, prev_batch: "t1" } };

export const response: SyncResponse = { rooms: { joined: { "!room:example.com": room } } };
