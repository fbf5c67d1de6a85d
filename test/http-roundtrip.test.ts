/**
 * A real server and a real client on a loopback port: the server reads the request with
 * parseSyncRequest and answers with serializeSyncResponse; the client builds its URL with
 * buildSyncUrl and reads the answer with parseSyncResponse.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildSyncUrl,
  ContractError,
  examples,
  parseSyncRequest,
  parseSyncResponse,
  serializeSyncResponse,
  type SyncResponse,
} from "../src/index.js";
import { exampleResponse } from "./support/example.js";

let server: Server;
let baseUrl: string;
const seen: unknown[] = [];
const refused: ContractError[] = [];

/** The server answers from the example; `since=broken` makes it send a payload that breaks the contract. */
function respond(url: string): { status: number; body: string } {
  const request = parseSyncRequest(url);
  if (!request.ok) return { status: request.status, body: JSON.stringify(request.body) };
  seen.push(request);
  if (request.accessToken !== "secret")
    return { status: 401, body: JSON.stringify({ errcode: "M_MISSING_TOKEN", error: "no access token" }) };
  if (request.query.since === "broken") {
    const payload = exampleResponse();
    payload.rooms.archived["!left:example.com"] = { ephemeral: {} };
    try {
      serializeSyncResponse(payload);
    } catch (error) {
      if (error instanceof ContractError) refused.push(error);
    }
    // Sent anyway, as a server that skips the check would, for the client to catch.
    return { status: 200, body: JSON.stringify(payload) };
  }
  return { status: 200, body: serializeSyncResponse(examples.SyncResponse) };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const { status, body } = respond(req.url ?? "/");
    res.writeHead(status, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("a fetch client and a node:http server on loopback", () => {
  it("exchange a valid sync: the server sees the typed query and the token, the client a checked response", async () => {
    const response = await fetch(buildSyncUrl(baseUrl, { since: "s72594_4483_1934", timeout: 30000 }, { accessToken: "secret" }));
    expect(response.status).toBe(200);
    const result = parseSyncResponse(await response.text());
    expect(result).toEqual({ valid: true, value: examples.SyncResponse, issues: [], truncated: false });
    expect(seen.at(-1)).toEqual({ ok: true, query: { since: "s72594_4483_1934", timeout: 30000 }, accessToken: "secret" });
    if (result.valid) expect((result.value satisfies SyncResponse).next_batch).toBe("s72595_4483_1934");
  });

  it("get a 400 in the Matrix error format for a bad query", async () => {
    const response = await fetch(`${baseUrl}/_matrix/client/v2_alpha/sync?timeout=soon&access_token=secret`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errcode: "M_INVALID_PARAM", error: 'timeout: must be an integer, not "soon"' });
  });

  it("get a 414 in the Matrix error format for a query with too many parameters, known or not", async () => {
    const query = Array.from({ length: 101 }, (_, i) => `p${i}=1`).join("&");
    const response = await fetch(`${buildSyncUrl(`${baseUrl}/_matrix/client/v2_alpha/sync`)}?${query}`);
    expect(response.status).toBe(414);
    expect(await response.json()).toEqual({ errcode: "M_TOO_LARGE", error: "the query has more than 100 parameters" });
  });

  it("let the client catch a server that answers with a payload that breaks the contract", async () => {
    const response = await fetch(buildSyncUrl(baseUrl, { since: "broken" }, { accessToken: "secret" }));
    const result = parseSyncResponse(await response.text());
    expect(result).toEqual({
      valid: false,
      truncated: false,
      issues: [
        {
          pointer: "/rooms/archived/!left:example.com/ephemeral",
          message: "an archived room has no ephemeral key",
          rule: "archived-no-ephemeral",
          severity: "error",
        },
      ],
    });
    expect(refused.map((error) => error.issues.map((issue) => issue.rule))).toEqual([["archived-no-ephemeral"]]);
  });
});
