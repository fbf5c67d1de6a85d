// Must fail to type-check, with exactly one error: `limited` is a boolean.
import type { JoinedRoom } from "matrix-sync-contract";

export const room: JoinedRoom = { timeline: { events: [], limited: "yes" } };
