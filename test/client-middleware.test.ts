/** The openapi-fetch middleware against the mock homeserver over loopback HTTP: the token, the check, each fault. */
import createClient from "openapi-fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContractError, examples, type Issue, type paths } from "../src/index.js";
import { syncContract } from "../src/client/index.js";
import { createSyncHandler, faults, toNodeHandler, type SyncHandler } from "../src/mock/index.js";
import { listenOnLoopback, type Loopback } from "./support/loopback.js";

const TOKEN = "middleware-test-token";
const BASE_PATH = "/_matrix/client/v2_alpha";
const servers = new Map<string, { server: Loopback; handler: SyncHandler }>();

beforeAll(async () => {
  for (const fault of [undefined, ...faults.keys()]) {
    const handler = createSyncHandler({ source: "examples", accessToken: TOKEN, ...(fault !== undefined && { fault }) });
    servers.set(fault ?? "none", { server: await listenOnLoopback(toNodeHandler(handler)), handler });
  }
});

afterAll(async () => {
  for (const { server, handler } of servers.values()) {
    handler.close();
    await server.close();
  }
});

const clientFor = (fault: string) => createClient<paths>({ baseUrl: servers.get(fault)!.server.origin + BASE_PATH });

describe("syncContract()", () => {
  it("adds the access token, without which the homeserver answers 401", async () => {
    const bare = clientFor("none");
    const refused = await bare.GET("/sync", { params: { query: {} } });
    expect([refused.response.status, refused.error]).toEqual([401, { errcode: "M_MISSING_TOKEN", error: "Missing access token" }]);
    const client = clientFor("none");
    client.use(syncContract({ accessToken: TOKEN }));
    const { data, response } = await client.GET("/sync", { params: { query: { timeout: 0 } } });
    expect(response.status).toBe(200);
    expect(data).toEqual({ ...examples.SyncResponse, next_batch: expect.stringMatching(/^s1_/) });
  });

  it("lets error answers through unchecked, for openapi-fetch to return", async () => {
    const client = clientFor("type:Timeline.limited");
    client.use(syncContract({ accessToken: TOKEN }));
    const { error, response } = await client.GET("/sync", { params: { query: { since: "unknown" } } });
    expect([response.status, error]).toEqual([
      400,
      { errcode: "M_INVALID_PARAM", error: "since: not a next_batch token that this server gave out" },
    ]);
  });

  it.each([...faults.keys()])("%s: throws a ContractError with exactly its issue, or only reports a warning", async (name) => {
    const { breaks } = faults.get(name)!;
    const client = clientFor(name);
    client.use(syncContract({ accessToken: TOKEN }));
    const outcome = await client.GET("/sync", { params: { query: {} } }).then(
      ({ response }) => ({ status: response.status }),
      (error: unknown) => ({ error }),
    );
    if (breaks.severity === "warning") {
      expect(outcome).toEqual({ status: 200 });
    } else {
      expect(outcome).toEqual({ error: expect.any(ContractError) });
      expect((outcome as { error: ContractError }).error.issues).toEqual([expect.objectContaining(breaks)]);
    }
  });

  it.each([...faults.keys()].filter((name) => name !== "json:truncated"))(
    "%s: with onIssues, reports exactly its issue and returns the data",
    async (name) => {
      const { breaks } = faults.get(name)!;
      const told: { issues: readonly Issue[]; status: number; url: string }[] = [];
      const client = clientFor(name);
      client.use(
        syncContract({
          accessToken: TOKEN,
          onIssues: (issues, { request, response }) => told.push({ issues, status: response.status, url: request.url }),
        }),
      );
      const { data } = await client.GET("/sync", { params: { query: {} } });
      expect(data).toBeDefined();
      expect(told).toEqual([
        { issues: [expect.objectContaining(breaks)], status: 200, url: expect.stringContaining(`access_token=${TOKEN}`) },
      ]);
    },
  );
});
