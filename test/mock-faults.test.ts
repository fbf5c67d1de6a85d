/**
 * Each named fault of the mock, served over loopback HTTP: a client that checks what it reads sees
 * exactly one issue, the one the fault names, in every batch of the chain (the long-poll's included).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schemaNames } from "../generated/contract.js";
import { buildSyncUrl, parseSyncResponse, proseRules } from "../src/index.js";
import { createSyncHandler, faults, toNodeHandler, type SyncHandler } from "../src/mock/index.js";
import { listenOnLoopback, type Loopback } from "./support/loopback.js";

const TOKEN = "mock-faults-token";

describe("the list of faults", () => {
  it("has a type fault for each named schema of the response, and one for each prose rule", () => {
    const names = [...faults.keys()];
    const responseSchemas = schemaNames.filter((name) => name !== "SyncQuery");
    expect(names.filter((name) => /^type:[A-Za-z]+$/.test(name))).toEqual(responseSchemas.map((name) => `type:${name}`));
    expect(names.filter((name) => name.startsWith("rule:"))).toEqual(proseRules.map((rule) => `rule:${rule.id}`));
    expect(names.filter((name) => /^type:\w+\.\w+$/.test(name))).toEqual([
      "type:SyncResponse.next_batch",
      "type:Event.content",
      "type:Event.type",
      "type:State.events",
      "type:Timeline.limited",
      "type:Timeline.prev_batch",
      "type:Timeline.events",
      "type:Ephemeral.events",
      "type:InviteState.events",
      "type:Presence.events",
    ]);
    expect(names.at(-1)).toBe("json:truncated");
  });

  it("names where each breaks the payload", () => {
    const breaks = Object.fromEntries([...faults].map(([name, fault]) => [name, fault.breaks]));
    expect(breaks["type:Timeline.limited"]).toEqual({
      pointer: "/rooms/joined/mock-fault/timeline/limited",
      rule: "schema:type",
      severity: "error",
    });
    expect(breaks["rule:invite-state-keys"]).toEqual({
      pointer: "/rooms/invited/mock-fault/invite_state/events/0/event_id",
      rule: "invite-state-keys",
      severity: "error",
    });
    expect(breaks["rule:limited-prev-batch"]).toEqual({
      pointer: "/rooms/joined/mock-fault/timeline",
      rule: "limited-prev-batch",
      severity: "warning",
    });
    expect(breaks["json:truncated"]).toEqual({ pointer: "", rule: "json", severity: "error" });
  });
});

describe.each(["arbitrary", "examples"] as const)("every fault over HTTP, payloads from %s", (source) => {
  const servers = new Map<string, { server: Loopback; handler: SyncHandler }>();

  beforeAll(async () => {
    for (const name of faults.keys()) {
      const handler = createSyncHandler({ source, seed: 5, batches: 2, fault: name });
      servers.set(name, { server: await listenOnLoopback(toNodeHandler(handler)), handler });
    }
  });

  afterAll(async () => {
    for (const { server, handler } of servers.values()) {
      handler.close();
      await server.close();
    }
  });

  it.each([...faults.keys()])("%s: the client sees exactly the issue it names, in every batch", async (name) => {
    const { origin } = servers.get(name)!.server;
    const { breaks } = faults.get(name)!;
    // The faulty payloads may have lost their next_batch: the chain is walked with the tokens of a clean twin.
    const clean = createSyncHandler({ source, seed: 5, batches: 2 });
    let since: string | undefined;
    for (let step = 0; step < 3; step++) {
      const url = buildSyncUrl(origin, since === undefined ? {} : { since }, { accessToken: TOKEN });
      const response = await fetch(url);
      expect(response.status).toBe(200);
      const { issues } = parseSyncResponse(await response.text());
      expect(issues, `step ${step}`).toEqual([expect.objectContaining(breaks)]);
      expect(issues[0]!.message).toEqual(expect.any(String));
      since = (await (await clean(new Request(url))).json()).next_batch;
    }
  });
});
