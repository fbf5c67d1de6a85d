/**
 * parseSyncRequest fed the query objects real frameworks hand over: Express 5 (its simple and its
 * qs-based extended parser) and Koa behind a node:http server on a loopback port, Fastify through
 * `inject` (with and without a schema that converts values) and Hono through `app.request`.
 */
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import Koa from "koa";
import { afterAll, describe, expect, test } from "vitest";
import { parseSyncRequest } from "../src/index.js";

const PATH = "/_matrix/client/v2_alpha/sync";
const servers: Server[] = [];

afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

/** Serves `listener` on a loopback port; returns a function that fetches a query and returns the parsed JSON body. */
async function serve(listener: RequestListener): Promise<(query: string) => Promise<unknown>> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return async (query) => (await fetch(`http://127.0.0.1:${port}${PATH}?${query}`)).json();
}

const ok = (query: object, accessToken?: string) => (accessToken === undefined ? { ok: true, query } : { ok: true, query, accessToken });
const invalid = (error: string) => ({ ok: false, status: 400, body: { errcode: "M_INVALID_PARAM", error } });

/** The answers every framework's plain query object gets alike. */
async function expectCommonAnswers(answer: (query: string) => Promise<unknown>): Promise<void> {
  expect(await answer("since=s1&timeout=30000&access_token=t&other=x")).toEqual(ok({ since: "s1", timeout: 30000 }, "t"));
  expect(await answer("timeout=soon")).toEqual(invalid('timeout: must be an integer, not "soon"'));
  expect(await answer("set_presence=online")).toEqual(invalid('set_presence: must be equal to one of the allowed values: "offline"'));
  expect(await answer(`${Array.from({ length: 200 }, (_, i) => `x${i}=1`).join("&")}&since=s1`)).toEqual({
    ok: false,
    status: 414,
    body: { errcode: "M_TOO_LARGE", error: "the query has more than 100 parameters" },
  });
}

describe("Express 5", () => {
  test("req.query from the default parser: plain values and repeats", async () => {
    const app = express();
    app.get(PATH, (req, res) => {
      res.json(parseSyncRequest(req.query));
    });
    const answer = await serve(app);
    await expectCommonAnswers(answer);
    expect(await answer("since=a&since=b")).toEqual(invalid("since: the parameter is given 2 times; give it once"));
  });

  test("req.query from the extended (qs) parser: a nested value is a 400 naming its parameter", async () => {
    const app = express();
    app.set("query parser", "extended");
    app.get(PATH, (req, res) => {
      res.json(parseSyncRequest(req.query));
    });
    const answer = await serve(app);
    await expectCommonAnswers(answer);
    expect(await answer("filter[room][timeline]=1")).toEqual(invalid("filter: must be a string, not an object"));
    expect(await answer("since[]=a&since[]=b")).toEqual(invalid("since: the parameter is given 2 times; give it once"));
    expect(await answer("other[a][b]=1&since=s1")).toEqual(ok({ since: "s1" }));
  });
});

describe("Koa", () => {
  test("ctx.query", async () => {
    const app = new Koa();
    app.use((ctx) => {
      ctx.body = parseSyncRequest(ctx.query);
    });
    const answer = await serve(app.callback());
    await expectCommonAnswers(answer);
    expect(await answer("timeout=1&timeout=2")).toEqual(invalid("timeout: the parameter is given 2 times; give it once"));
  });
});

describe("Fastify", () => {
  test("request.query as parsed, and as converted by a querystring schema", async () => {
    const app = Fastify();
    app.get(PATH, (request) => parseSyncRequest(request.query));
    // A route schema makes Fastify convert values to the types it declares before the handler runs.
    const querystring = { type: "object", properties: { timeout: { type: "integer" }, set_presence: { type: "boolean" } } };
    app.get(`${PATH}/converted`, { schema: { querystring } }, (request) => {
      expect(typeof (request.query as { timeout?: unknown }).timeout).not.toBe("string");
      return parseSyncRequest(request.query);
    });
    const answer = async (query: string, path = PATH) => (await app.inject({ method: "GET", url: `${path}?${query}` })).json();
    try {
      await expectCommonAnswers(answer);
      expect(await answer("since=a&since=b")).toEqual(invalid("since: the parameter is given 2 times; give it once"));
      const converted = (query: string) => answer(query, `${PATH}/converted`);
      expect(await converted("timeout=30000&since=s1")).toEqual(ok({ timeout: 30000, since: "s1" }));
      expect(await converted("set_presence=true")).toEqual(invalid("set_presence: must be a string, not true"));
    } finally {
      await app.close();
    }
  });
});

describe("Hono", () => {
  test("c.req.query() and c.req.queries()", async () => {
    const app = new Hono();
    app.get(PATH, (c) => c.json(parseSyncRequest(c.req.query())));
    app.get(`${PATH}/all`, (c) => c.json(parseSyncRequest(c.req.queries())));
    const answer = async (query: string, path = PATH) => (await app.request(`${path}?${query}`)).json();
    await expectCommonAnswers(answer);
    await expectCommonAnswers((query) => answer(query, `${PATH}/all`));
    // query() keeps the first of repeated values; queries() keeps them all, so a repeat is seen.
    expect(await answer("timeout=1&timeout=2")).toEqual(ok({ timeout: 1 }));
    expect(await answer("timeout=1&timeout=2", `${PATH}/all`)).toEqual(invalid("timeout: the parameter is given 2 times; give it once"));
  });
});
