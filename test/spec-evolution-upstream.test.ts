/**
 * Spec edits in the style the Matrix spec sources of this era are written in, each in a throwaway copy
 * of the repository with no change to the code: event schemas that say nothing about other keys while
 * real events carry many, event schemas split over files and extended with `allOf`, a definitions
 * folder holding files nothing references and a YAML schema, a `$ref` written with `..`, and a new
 * titled object deep in the response. Each must regenerate, report its contract changes, type
 * literals copied from the example (tsc, with the project's options, over the package's root entry),
 * give the validators' verdicts, and keep `npm run build` and the bundled-examples check green.
 */
import { afterEach, expect, test } from "vitest";
import { copyRepo, type RepoCopy } from "./support/repo-copy.js";
import { buildAndCheckExamples, generateSummary, probeIn, summary, typeCheckIn } from "./support/spec-evolution.js";

/** Regenerating, two type checks, two scripts and a build, on two shared cores. */
const SCENARIO = { timeout: 300_000 };

let copy: RepoCopy;
afterEach(() => copy?.remove());

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The copy's regenerated response example. */
const responseExample = () => JSON.parse(copy.read("generated/examples/SyncResponse.json"));

/** Build and bundled-examples check, both green: every example the copy now bundles passes. */
function expectBuildGreen(): void {
  const examples = JSON.parse(copy.read("generated/manifest.json")).files.filter((file: string) => file.startsWith("examples/"));
  expect(buildAndCheckExamples(copy)).toEqual({
    build: 0,
    examples: { status: 0, stdout: `${examples.length} passed, 0 failed`, stderr: "" },
  });
}

const TYPE_CHECKED = { status: 0, stdout: "", stderr: "" };
const JOINED_ROOM = "!726s6s6q:example.com";
const MESSAGE_EVENT = "$74686972643033:example.com";

/** The base event schema as the Matrix spec writes it: listed fields, nothing said of others. */
const EVENT = {
  type: "object",
  title: "Event",
  description: "The fields every event has.",
  properties: {
    content: { type: "object", description: "The body of the event; which fields it holds depends on the event's type." },
    type: { type: "string", description: "The type of the event, namespaced like a Java package, e.g. 'm.room.message'." },
  },
  required: ["type", "content"],
};

/** A room event: the base event extended with allOf. */
const ROOM_EVENT = {
  type: "object",
  title: "Room Event",
  description: "An event in a room: the fields of every event, and these.",
  allOf: [{ $ref: "event.json" }],
  properties: {
    event_id: { type: "string", description: "The event's globally unique ID." },
    room_id: { type: "string", description: "The ID of the room the event belongs to." },
    sender: { type: "string", description: "The ID of the user who sent the event." },
  },
};

/** A state event: a room event extended with allOf. */
const STATE_EVENT = {
  type: "object",
  title: "State Event",
  description: "A piece of room state: the fields of a room event, and these.",
  allOf: [{ $ref: "room_event.json" }],
  properties: {
    state_key: { type: "string", description: "Which piece of state of its type the event sets; often the empty string." },
    prev_content: { type: "object", description: "The content this state had before, when it had any." },
  },
  required: ["state_key"],
};

/** A summary line: a field of the events of a room's event_map made required; `gap` follows the kind, as wide as the longest kind needs. */
const requiredAdded = (room: string, field: string, gap: string) =>
  `breaks servers  required-added${gap}response /rooms/${room}/*/event_map/*/${field}: optional → required`;

test("the base event schema says nothing of other keys, and the example's events carry many", SCENARIO, () => {
  copy = copyRepo();
  copy.write("spec/core-event-schema/event.json", json(EVENT));
  expect(generateSummary(copy)).toBe(
    summary(
      "4 contract changes against the previous generated/openapi.json: 0 break clients, 4 break servers",
      requiredAdded("joined", "content", "  "),
      requiredAdded("joined", "type", "  "),
      requiredAdded("archived", "content", "  "),
      requiredAdded("archived", "type", "  "),
    ),
  );

  const example = responseExample();
  const message = example.rooms.joined[JOINED_ROOM].event_map[MESSAGE_EVENT];
  expect(Object.keys(message)).toEqual(["sender", "type", "unsigned", "content", "origin_server_ts"]);
  expect(
    typeCheckIn(
      copy,
      `import type { Closed, Event, SyncResponse } from "./index.js";
export const response: SyncResponse = ${JSON.stringify(example)};
export const event: Event = ${JSON.stringify(message)};
export const closedEvent: Closed.Event = { type: "m.room.message", content: { body: "I am a fish" } };
// @ts-expect-error the closed Event lists content and type only: the schema no longer allows other keys out loud
export const closedMessage: Closed.Event = ${JSON.stringify(message)};
// @ts-expect-error content and type are required now
export const untyped: Event = { sender: "@alice:example.com" };
`,
    ),
  ).toEqual(TYPE_CHECKED);

  expect(
    probeIn(
      copy,
      `import { checkEvent, checkSyncResponse, validateEvent } from "./src/index.js";
      const message = ${JSON.stringify(message)};
      console.log(JSON.stringify({
        response: checkSyncResponse(${JSON.stringify(example)}).issues,
        message: [validateEvent(message), checkEvent(message).issues],
        untyped: checkEvent({ sender: "@alice:example.com", content: {} }).issues,
      }));`,
    ),
  ).toEqual({
    response: [],
    message: [true, []],
    untyped: [{ pointer: "", message: "must have required property 'type'", rule: "schema:required", severity: "error" }],
  });
  expectBuildGreen();
});

test("event schemas split over files and extended with allOf, referenced from a batch definition", SCENARIO, () => {
  copy = copyRepo();
  copy.write("spec/core-event-schema/event.json", json(EVENT));
  copy.write("spec/core-event-schema/room_event.json", json(ROOM_EVENT));
  copy.write("spec/core-event-schema/state_event.json", json(STATE_EVENT));
  // Written from the spec root, as the Matrix spec sources of this era wrote references out of definitions/.
  const stateBatch = { type: "array", description: "A list of state events.", items: { $ref: "core-event-schema/state_event.json" } };
  copy.write("spec/definitions/state_event_batch.json", json({ type: "object", properties: { events: stateBatch } }));
  copy.edit(
    "spec/sync.yaml",
    '``invite_state``.\n                          allOf:\n                            - $ref: "definitions/event_batch.json"',
    '``invite_state``.\n                          allOf:\n                            - $ref: "definitions/state_event_batch.json"',
  );
  const inviteEvents = "response /rooms/invited/*/invite_state/events/*";
  expect(
    generateSummary(
      copy,
      'warning: spec/definitions/state_event_batch.json: $ref "core-event-schema/state_event.json" is not found beside this file; ' +
        "resolved from the spec root as spec/core-event-schema/state_event.json\n",
    ),
  ).toBe(
    summary(
      "13 contract changes against the previous generated/openapi.json: 0 break clients, 7 break servers",
      requiredAdded("joined", "content", "    "),
      requiredAdded("joined", "type", "    "),
      `breaks servers  property-added    ${inviteEvents}/content: required object`,
      `breaks servers  property-added    ${inviteEvents}/type: required string`,
      `safe            property-added    ${inviteEvents}/event_id: optional string`,
      `safe            property-added    ${inviteEvents}/room_id: optional string`,
      `safe            property-added    ${inviteEvents}/sender: optional string`,
      `breaks servers  property-added    ${inviteEvents}/state_key: required string`,
      `safe            property-added    ${inviteEvents}/prev_content: optional object`,
      requiredAdded("archived", "content", "    "),
      requiredAdded("archived", "type", "    "),
      "safe            named-type-added  type StateEvent",
      "safe            named-type-added  type RoomEvent",
    ),
  );

  const inviteState = responseExample().rooms.invited["!696r7674:example.com"].invite_state;
  expect(
    typeCheckIn(
      copy,
      `import type { Event, InviteState, RoomEvent, StateEvent } from "./index.js";
export const inviteState: InviteState = ${JSON.stringify(inviteState)};
export const events: StateEvent[] | undefined = inviteState.events;
export const stateEvent: StateEvent = ${JSON.stringify(inviteState.events[1])};
export const asRoomEvent: RoomEvent = stateEvent;
export const asEvent: Event = stateEvent;
export const unlisted: RoomEvent = { type: "m.room.message", content: {}, event_id: "$e:example.com", origin_server_ts: 1 };
// @ts-expect-error a state event has a state_key
export const noStateKey: StateEvent = { type: "m.room.name", content: { name: "Room" } };
// @ts-expect-error event_id is a string
export const numericId: RoomEvent = { type: "m.room.message", content: {}, event_id: 5 };
`,
    ),
  ).toEqual(TYPE_CHECKED);

  expect(
    probeIn(
      copy,
      `import * as contract from "./src/index.js";
      const checks = contract.checks as Record<string, (value: unknown) => { issues: unknown[] }>;
      console.log(JSON.stringify({
        names: contract.schemaNames,
        inviteState: checks.InviteState(${JSON.stringify(inviteState)}).issues,
        noStateKey: checks.StateEvent({ type: "m.room.name", content: {} }).issues,
        numericId: checks.RoomEvent({ type: "m.room.message", content: {}, event_id: 5 }).issues,
        inResponse: contract.checkSyncResponse({ rooms: { invited: { "!r:x": { invite_state: { events: [{ type: "m.room.name" }] } } } } }).issues,
      }));`,
    ),
  ).toEqual({
    names: expect.arrayContaining(["Event", "InviteState", "StateEvent", "RoomEvent"]),
    inviteState: [],
    noStateKey: [{ pointer: "", message: "must have required property 'state_key'", rule: "schema:required", severity: "error" }],
    numericId: [{ pointer: "/event_id", message: "must be string", rule: "schema:type", severity: "error" }],
    inResponse: [
      {
        pointer: "/rooms/invited/!r:x/invite_state/events/0",
        message: "must have required property 'content'",
        rule: "schema:required",
        severity: "error",
      },
      {
        pointer: "/rooms/invited/!r:x/invite_state/events/0",
        message: "must have required property 'state_key'",
        rule: "schema:required",
        severity: "error",
      },
    ],
  });
  expectBuildGreen();
});

test("a definitions folder with files nothing references, and a YAML schema that is referenced", SCENARIO, () => {
  copy = copyRepo();
  // Never read: a filter that refers to files that do not exist, and an error schema.
  copy.write(
    "spec/definitions/sync_filter.json",
    json({ type: "object", properties: { room: { $ref: "room_filter.json" }, presence: { $ref: "definitions/event_filter.json" } } }),
  );
  copy.write(
    "spec/definitions/error.json",
    json({ type: "object", properties: { errcode: { type: "string" }, error: { type: "string" } }, required: ["errcode"] }),
  );
  copy.write(
    "spec/definitions/account_data.yaml",
    [
      "title: Account Data",
      "type: object",
      "description: The private data that the user has attached to their account.",
      "properties:",
      "  events:",
      "    type: array",
      "    description: A list of events.",
      "    items:",
      "      type: object",
      "",
    ].join("\n"),
  );
  copy.edit(
    "spec/sync.yaml",
    "              presence:\n",
    '              account_data:\n                $ref: "definitions/account_data.yaml"\n              presence:\n',
  );
  copy.edit(
    "spec/sync.yaml",
    '                "next_batch": "s72595_4483_1934",\n',
    '                "next_batch": "s72595_4483_1934",\n                "account_data": {"events": [{"type": "m.tag", "content": {"tags": {"u.work": {"order": 0.5}}}}]},\n',
  );
  expect(generateSummary(copy)).toBe(
    summary(
      "2 contract changes against the previous generated/openapi.json: 0 break clients, 0 break servers",
      "safe  property-added    response /account_data: optional object",
      "safe  named-type-added  type AccountData",
    ),
  );
  expect(JSON.parse(copy.read("generated/manifest.json")).sources).toEqual([
    "spec/sync.yaml",
    "spec/core-event-schema/event.json",
    "spec/definitions/room_event_batch.json",
    "spec/definitions/timeline_batch.json",
    "spec/definitions/event_batch.json",
    "spec/definitions/account_data.yaml",
  ]);

  const accountData = responseExample().account_data;
  expect(accountData).toEqual({ events: [{ type: "m.tag", content: { tags: { "u.work": { order: 0.5 } } } }] });
  expect(
    typeCheckIn(
      copy,
      `import type { AccountData, Closed, SyncResponse } from "./index.js";
export const accountData: AccountData = ${JSON.stringify(accountData)};
export const response: SyncResponse = { next_batch: "s1", account_data: ${JSON.stringify(accountData)} };
// @ts-expect-error events is an array
export const notArray: Closed.AccountData = { events: {} };
`,
    ),
  ).toEqual(TYPE_CHECKED);
  expect(
    probeIn(
      copy,
      `import * as contract from "./src/index.js";
      const checkAccountData = (contract as any).checkAccountData;
      console.log(JSON.stringify({
        example: checkAccountData(${JSON.stringify(accountData)}).issues,
        notArray: contract.checkSyncResponse({ account_data: { events: {} } }).issues,
      }));`,
    ),
  ).toEqual({
    example: [],
    notArray: [{ pointer: "/account_data/events", message: "must be array", rule: "schema:type", severity: "error" }],
  });
  expectBuildGreen();
});

test("a $ref into core-event-schema written with ..", SCENARIO, () => {
  copy = copyRepo();
  copy.edit(
    "spec/definitions/event_batch.json",
    '"items": {\n        "type": "object"\n      }',
    '"items": {\n        "$ref": "../core-event-schema/event.json"\n      }',
  );
  const added = (where: string, field: string, type: string) =>
    `safe  property-added  response ${where}/events/*/${field}: optional ${type}`;
  expect(generateSummary(copy)).toBe(
    summary(
      "6 contract changes against the previous generated/openapi.json: 0 break clients, 0 break servers",
      added("/rooms/joined/*/ephemeral", "content", "object"),
      added("/rooms/joined/*/ephemeral", "type", "string"),
      added("/rooms/invited/*/invite_state", "content", "object"),
      added("/rooms/invited/*/invite_state", "type", "string"),
      added("/presence", "content", "object"),
      added("/presence", "type", "string"),
    ),
  );

  const ephemeral = responseExample().rooms.joined[JOINED_ROOM].ephemeral;
  expect(Object.keys(ephemeral.events[0])).toEqual(["room_id", "type", "content"]);
  expect(
    typeCheckIn(
      copy,
      `import type { Ephemeral, Event } from "./index.js";
export const ephemeral: Ephemeral = ${JSON.stringify(ephemeral)};
export const events: Event[] | undefined = ephemeral.events;
// @ts-expect-error an event's type is a string
export const numericType: Ephemeral = { events: [{ type: 5 }] };
`,
    ),
  ).toEqual(TYPE_CHECKED);
  expect(
    probeIn(
      copy,
      `import { checkEphemeral, checkSyncResponse } from "./src/index.js";
      console.log(JSON.stringify({
        example: checkEphemeral(${JSON.stringify(ephemeral)}).issues,
        numericType: checkSyncResponse({ presence: { events: [{ type: 5 }] } }).issues,
      }));`,
    ),
  ).toEqual({
    example: [],
    numericType: [{ pointer: "/presence/events/0/type", message: "must be string", rule: "schema:type", severity: "error" }],
  });
  expectBuildGreen();
});

test("a new titled object deep in the response, whose example carries a key it does not list", SCENARIO, () => {
  copy = copyRepo();
  copy.edit(
    "spec/sync.yaml",
    "                  invited:\n",
    [
      "                        unread_notifications:",
      "                          title: Unread Notification Counts",
      "                          type: object",
      "                          description: Counts of unread notifications for this room.",
      "                          properties:",
      "                            highlight_count:",
      "                              type: integer",
      "                              description: The number of unread notifications with the highlight flag set.",
      "                            notification_count:",
      "                              type: integer",
      "                              description: The total number of unread notifications for this room.",
      "                  invited:",
      "",
    ].join("\n"),
  );
  copy.edit(
    "spec/sync.yaml",
    `"${JOINED_ROOM}": {\n`,
    `"${JOINED_ROOM}": {\n                      "unread_notifications": {"highlight_count": 1, "notification_count": 4, "org.example.muted": true},\n`,
  );
  expect(generateSummary(copy)).toBe(
    summary(
      "2 contract changes against the previous generated/openapi.json: 0 break clients, 0 break servers",
      "safe  property-added    response /rooms/joined/*/unread_notifications: optional object",
      "safe  named-type-added  type UnreadNotificationCounts",
    ),
  );

  const room = responseExample().rooms.joined[JOINED_ROOM];
  expect(room.unread_notifications).toEqual({ highlight_count: 1, notification_count: 4, "org.example.muted": true });
  expect(JSON.parse(copy.read("generated/examples/UnreadNotificationCounts.json"))).toEqual(room.unread_notifications);
  expect(
    typeCheckIn(
      copy,
      `import type { Closed, JoinedRoom, UnreadNotificationCounts } from "./index.js";
export const room: JoinedRoom = ${JSON.stringify(room)};
export const counts: UnreadNotificationCounts = ${JSON.stringify(room.unread_notifications)};
export const closedCounts: Closed.UnreadNotificationCounts = { highlight_count: 1, notification_count: 4 };
// @ts-expect-error the closed type lists the two counts only
export const closedWithOther: Closed.UnreadNotificationCounts = ${JSON.stringify(room.unread_notifications)};
// @ts-expect-error a count is a number
export const textCount: UnreadNotificationCounts = { highlight_count: "1" };
`,
    ),
  ).toEqual(TYPE_CHECKED);
  expect(
    probeIn(
      copy,
      `import * as contract from "./src/index.js";
      const checkCounts = (contract as any).checkUnreadNotificationCounts;
      console.log(JSON.stringify({
        example: checkCounts(${JSON.stringify(room.unread_notifications)}).issues,
        textCount: contract.checkSyncResponse({ rooms: { joined: { "!r:x": { unread_notifications: { highlight_count: "1" } } } } }).issues,
      }));`,
    ),
  ).toEqual({
    example: [],
    textCount: [
      {
        pointer: "/rooms/joined/!r:x/unread_notifications/highlight_count",
        message: "must be integer",
        rule: "schema:type",
        severity: "error",
      },
    ],
  });
  expectBuildGreen();
});
