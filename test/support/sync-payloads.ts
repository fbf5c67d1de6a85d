/**
 * Seeded, realistic `/sync` responses for tests and benchmarks: joined rooms whose state and
 * timeline list IDs of their `event_map`, invited rooms with stripped invite state, archived rooms
 * that end with the user leaving, typing and presence. The same seed always gives the same payload,
 * and every payload passes `checkSyncResponse` with no issue at all, warnings included.
 */
import type { ArchivedRoom, Event, EventMap, InvitedRoom, JoinedRoom, SyncResponse } from "../../generated/types.js";

/** The shape of one response: a first sync (every room's state) when `incremental` is not set. */
export interface PayloadShape {
  seed: number;
  joinedRooms: number;
  /** Entries in each joined room's `event_map`: its state events and its timeline together. */
  eventsPerRoom: number;
  invitedRooms?: number;
  archivedRooms?: number;
}

export interface CaptureShape {
  seed: number;
  /** Number of responses (NDJSON lines); response `i` is the same whatever the total. */
  responses: number;
}

/**
 * The benchmark sizes: about 1 MB of JSON, and 500 joined rooms of 200 events each (about 26 MB: a
 * heavy account's first sync). The tests check the sizes.
 */
export const PAYLOAD_SIZES = {
  oneMegabyte: { seed: 1, joinedRooms: 18, eventsPerRoom: 200, invitedRooms: 3, archivedRooms: 2 },
  fiveHundredRooms: { seed: 20, joinedRooms: 500, eventsPerRoom: 200, invitedRooms: 20, archivedRooms: 20 },
} satisfies Record<string, PayloadShape>;

/** A 32-bit xorshift generator: small, fast and the same on every platform, unlike Math.random. */
class Random {
  private state: number;

  constructor(seed: number) {
    // Spread nearby seeds apart; xorshift never leaves an all-zero state, so avoid it.
    this.state = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0 || 0x6d2b79f5;
  }

  /** A float in [0, 1). */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 0x1_0000_0000;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  letters(length: number): string {
    let text = "";
    for (let i = 0; i < length; i++) text += ALPHANUMERIC[Math.floor(this.next() * ALPHANUMERIC.length)];
    return text;
  }
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const SERVERS = ["example.com", "matrix.org", "example.org", "chat.example.net"];
const NAMES = [
  "alice",
  "bob",
  "carol",
  "dave",
  "erin",
  "frank",
  "grace",
  "heidi",
  "ivan",
  "judy",
  "mallory",
  "niaj",
  "olivia",
  "peggy",
  "rupert",
  "sybil",
  "trent",
  "victor",
  "walter",
  "yolanda",
];
const WORDS = (
  "the a to and of is it that for you in on this have with be we are at not but can so just what about " +
  "release meeting tomorrow deploy server sync room build test fixed broken works thanks sounds good lunch " +
  "coffee later check please merge branch review docs link federation client homeserver bridge bot update"
).split(" ");
const TOPICS = ["General chat", "Release planning", "Homeserver admins", "Off-topic", "Bridges and bots", "Client development"];
/** Mid-October 2015, when this version of the API was drafted. */
const START_TS = 1_444_900_000_000;
/** The user who syncs: their own messages carry a transaction ID. */
const SELF = "@alice:example.com";

/** Builds one response's events, with IDs that never repeat inside it. */
class PayloadBuilder {
  private ts = START_TS;

  constructor(readonly random: Random) {}

  user(): string {
    return this.random.chance(0.2) ? SELF : `@${this.random.pick(NAMES)}${this.random.int(1, 60)}:${this.random.pick(SERVERS)}`;
  }

  roomId(): string {
    return `!${this.random.letters(12)}:${this.random.pick(SERVERS)}`;
  }

  token(prefix: string): string {
    return `${prefix}${this.random.int(1000, 99999)}_${this.random.int(0, 9999)}_${this.random.int(0, 99)}`;
  }

  sentence(): string {
    const words = Array.from({ length: this.random.int(2, 14) }, () => this.random.pick(WORDS));
    const text = words.join(" ");
    return text[0]!.toUpperCase() + text.slice(1);
  }

  /** A room event as a homeserver of the time sent it; the timestamp also makes the ID unique. */
  event(sender: string, type: string, content: Record<string, unknown>, stateKey?: string): [id: string, event: Event] {
    this.ts += this.random.int(200, 90_000);
    const id = `$${this.ts}${this.random.letters(5)}:${sender.split(":")[1]}`;
    const event: Event = { sender, type, content, origin_server_ts: this.ts };
    if (stateKey !== undefined) event.state_key = stateKey;
    // As in the spec's example, only the user's own messages come back with `unsigned`.
    if (sender === SELF && stateKey === undefined)
      event.unsigned = { age: this.random.int(50, 500_000), txn_id: `m${this.ts}.${this.random.int(0, 99)}` };
    return [id, event];
  }

  message(sender: string): [string, Event] {
    const kind = this.random.next();
    if (kind < 0.08) {
      const size = this.random.int(20_000, 3_000_000);
      const content = {
        msgtype: "m.image",
        body: `IMG_${this.random.int(1000, 9999)}.jpg`,
        url: `mxc://${this.random.pick(SERVERS)}/${this.random.letters(24)}`,
        info: { mimetype: "image/jpeg", size, w: this.random.int(320, 4000), h: this.random.int(240, 3000) },
      };
      return this.event(sender, "m.room.message", content);
    }
    const msgtype = kind < 0.12 ? "m.emote" : kind < 0.15 ? "m.notice" : "m.text";
    return this.event(sender, "m.room.message", { msgtype, body: this.sentence() });
  }

  member(userId: string, membership: string, sender = userId): [string, Event] {
    return this.event(sender, "m.room.member", { membership }, userId);
  }

  /** The state a room has from its creation: the creator's events, then its members joining. */
  initialState(creator: string, members: readonly string[]): [string, Event][] {
    return [
      this.event(creator, "m.room.create", { creator }, ""),
      this.member(creator, "join"),
      this.event(
        creator,
        "m.room.power_levels",
        { users: { [creator]: 100 }, users_default: 0, events_default: 0, state_default: 50, ban: 50, kick: 50, redact: 50 },
        "",
      ),
      this.event(creator, "m.room.join_rules", { join_rule: this.random.pick(["public", "invite"]) }, ""),
      this.event(creator, "m.room.history_visibility", { history_visibility: "shared" }, ""),
      this.event(creator, "m.room.name", { name: `${this.random.pick(TOPICS)} ${this.random.int(1, 99)}` }, ""),
      this.event(creator, "m.room.topic", { topic: this.sentence() }, ""),
      ...members.map((member) => this.member(member, "join")),
    ];
  }

  /** Mostly messages, with members coming and going now and then. */
  timelineEvents(count: number, members: string[]): [string, Event][] {
    return Array.from({ length: count }, () => {
      if (this.random.chance(0.03)) {
        const newcomer = this.user();
        members.push(newcomer);
        return this.member(newcomer, "join");
      }
      return this.message(this.random.pick(members));
    });
  }

  typing(roomId: string, members: readonly string[]): Record<string, unknown> {
    const typists = members.filter(() => this.random.chance(0.1)).slice(0, 3);
    return { room_id: roomId, type: "m.typing", content: { user_ids: typists } };
  }

  /** A room with its events in `event_map`, listed by ID: `state` the first `stateCount`, `timeline` the rest. */
  room(events: [string, Event][], stateCount: number): JoinedRoom & ArchivedRoom {
    const ids = events.map(([id]) => id);
    const eventMap: EventMap = Object.fromEntries(events);
    const timelineIds = ids.slice(stateCount);
    const limited = this.random.chance(0.4);
    return {
      event_map: eventMap,
      state: { events: ids.slice(0, stateCount) },
      timeline: { events: timelineIds, limited, prev_batch: this.token("t") },
    };
  }

  joinedRoom(roomId: string, eventCount: number): JoinedRoom {
    const members = Array.from({ length: this.random.int(2, 30) }, () => this.user());
    const state = this.initialState(members[0]!, members.slice(1)).slice(0, eventCount);
    const timeline = this.timelineEvents(eventCount - state.length, members);
    return { ...this.room([...state, ...timeline], state.length), ephemeral: { events: [this.typing(roomId, members)] } };
  }

  /** A room the user has left: its history up to and including the user's leave or ban. */
  archivedRoom(eventCount: number): ArchivedRoom {
    const members = [this.user(), ...Array.from({ length: this.random.int(1, 10) }, () => this.user())];
    const state = this.initialState(members[0]!, members.slice(1)).slice(0, Math.max(0, eventCount - 1));
    const timeline = this.timelineEvents(Math.max(0, eventCount - state.length - 1), members);
    const banned = this.random.chance(0.1);
    const leave = this.member(SELF, banned ? "ban" : "leave", banned ? members[0]! : SELF);
    return this.room([...state, ...timeline, leave], state.length);
  }

  /** Stripped state: only the keys the spec allows in `invite_state`. */
  invitedRoom(): InvitedRoom {
    const inviter = this.user();
    const stripped = (type: string, stateKey: string, content: Record<string, unknown>) => ({
      sender: inviter,
      type,
      state_key: stateKey,
      content,
    });
    const events = [
      stripped("m.room.join_rules", "", { join_rule: "invite" }),
      stripped("m.room.member", inviter, { membership: "join" }),
      stripped("m.room.member", SELF, { membership: "invite" }),
    ];
    if (this.random.chance(0.7))
      events.unshift(stripped("m.room.name", "", { name: `${this.random.pick(TOPICS)} ${this.random.int(1, 99)}` }));
    return { invite_state: { events } };
  }

  presence(count: number): Record<string, unknown>[] {
    return Array.from({ length: count }, () => {
      const state = this.random.pick(["online", "online", "unavailable", "offline"]);
      const content: Record<string, unknown> = { presence: state, last_active_ago: this.random.int(0, 3_600_000) };
      if (state === "online") content.currently_active = this.random.chance(0.5);
      return { sender: this.user(), type: "m.presence", content };
    });
  }
}

function roomsById<T>(count: number, build: PayloadBuilder, room: (id: string) => T): Record<string, T> {
  const rooms: Record<string, T> = {};
  while (Object.keys(rooms).length < count) {
    const id = build.roomId();
    rooms[id] = room(id);
  }
  return rooms;
}

/** A first sync: every joined room with its state and a timeline, `eventsPerRoom` events in all. */
export function generateSyncResponse({
  seed,
  joinedRooms,
  eventsPerRoom,
  invitedRooms = 0,
  archivedRooms = 0,
}: PayloadShape): SyncResponse {
  const build = new PayloadBuilder(new Random(seed));
  return {
    next_batch: build.token("s"),
    presence: { events: build.presence(Math.min(50, joinedRooms * 2)) },
    rooms: {
      joined: roomsById(joinedRooms, build, (id) => build.joinedRoom(id, eventsPerRoom)),
      invited: roomsById(invitedRooms, build, () => build.invitedRoom()),
      archived: roomsById(archivedRooms, build, () => build.archivedRoom(build.random.int(8, 40))),
    },
  };
}

/**
 * One incremental sync of a capture: new timeline events in a few of the user's rooms, typing,
 * presence, now and then an invite or a room left. The user's rooms are the capture's, so the same
 * room IDs come back line after line.
 */
function incrementalSync(seed: number, index: number, userRooms: readonly string[]): SyncResponse {
  const build = new PayloadBuilder(new Random(seed * 1_000_003 + index));
  const joined: Record<string, JoinedRoom> = {};
  for (let i = build.random.int(0, 3); i > 0; i--) {
    const roomId = build.random.pick(userRooms);
    const members = Array.from({ length: build.random.int(2, 8) }, () => build.user());
    const room = build.room(build.timelineEvents(build.random.int(1, 8), members), 0);
    joined[roomId] = { ...room, timeline: { ...room.timeline, limited: false }, ephemeral: { events: [build.typing(roomId, members)] } };
  }
  const invited = build.random.chance(0.02) ? roomsById(1, build, () => build.invitedRoom()) : {};
  const leavable = userRooms.filter((roomId) => !Object.hasOwn(joined, roomId));
  const archived = build.random.chance(0.01) ? { [build.random.pick(leavable)]: build.archivedRoom(1) } : {};
  return {
    next_batch: `s${72_595 + index}_${4_483 + index * 3}_${1_934 + (index % 7)}`,
    presence: { events: build.presence(build.random.int(0, 3)) },
    rooms: { joined, invited, archived },
  };
}

/** What a client sees over a long session: `responses` incremental syncs in order. */
export function generateCapture({ seed, responses }: CaptureShape): SyncResponse[] {
  const build = new PayloadBuilder(new Random(seed));
  const userRooms = Array.from({ length: 40 }, () => build.roomId());
  return Array.from({ length: responses }, (_, index) => incrementalSync(seed, index, userRooms));
}

/** The capture as NDJSON: one compact response a line, each line ending in a newline. */
export function generateNdjson(shape: CaptureShape): string {
  return generateCapture(shape)
    .map((response) => `${JSON.stringify(response)}\n`)
    .join("");
}

/**
 * A copy of the payload in which every event of every `event_map` breaks the `Event` schema twice:
 * its `type` is a number and its `content` a string.
 */
export function breakEveryEvent(payload: SyncResponse): unknown {
  const broken = structuredClone(payload);
  for (const rooms of [broken.rooms?.joined, broken.rooms?.archived]) {
    for (const room of Object.values(rooms ?? {})) {
      for (const [id, event] of Object.entries(room.event_map ?? {})) {
        room.event_map![id] = { ...event, type: 404 as never, content: "not an object" as never };
      }
    }
  }
  return broken;
}
