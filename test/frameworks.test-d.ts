/**
 * The query objects of Express 5, Fastify, Hono and Koa, with those frameworks' own types, go to
 * parseSyncRequest without a cast, inside real route handlers; the answer is typed either way.
 */
import express, { type Request as ExpressRequest } from "express";
import Fastify, { type FastifyRequest } from "fastify";
import { Hono, type Context as HonoContext } from "hono";
import Koa, { type Context as KoaContext } from "koa";
import { describe, expectTypeOf, it } from "vitest";
import { parseSyncRequest, type MatrixError, type ParsedRequest, type SyncQuery } from "../src/index.js";

describe("parseSyncRequest takes each framework's query as typed", () => {
  it("Express 5: req.query (ParsedQs)", () => {
    expectTypeOf((req: ExpressRequest) => parseSyncRequest(req.query)).returns.toEqualTypeOf<ParsedRequest>();
    express().get("/sync", (req, res) => {
      const request = parseSyncRequest(req.query);
      res.status(request.ok ? 200 : request.status).json(request.ok ? request.query : request.body);
    });
  });

  it("Fastify: request.query, untyped (unknown) and typed by the route", () => {
    expectTypeOf((request: FastifyRequest) => parseSyncRequest(request.query)).returns.toEqualTypeOf<ParsedRequest>();
    const app = Fastify();
    app.get("/sync", (request) => parseSyncRequest(request.query));
    app.get<{ Querystring: { timeout?: number; since?: string } }>("/typed", (request) => parseSyncRequest(request.query));
  });

  it("Hono: c.req.query() and c.req.queries()", () => {
    expectTypeOf((c: HonoContext) => parseSyncRequest(c.req.query())).returns.toEqualTypeOf<ParsedRequest>();
    expectTypeOf((c: HonoContext) => parseSyncRequest(c.req.queries())).returns.toEqualTypeOf<ParsedRequest>();
    new Hono().get("/sync", (c) => c.json(parseSyncRequest(c.req.queries())));
  });

  it("Koa: ctx.query (ParsedUrlQuery)", () => {
    expectTypeOf((ctx: KoaContext) => parseSyncRequest(ctx.query)).returns.toEqualTypeOf<ParsedRequest>();
    new Koa().use((ctx) => {
      ctx.body = parseSyncRequest(ctx.query);
    });
  });

  it("and the answer narrows: a SyncQuery and the token, or a 400 or 414 with a Matrix error", () => {
    const request = parseSyncRequest("timeout=5");
    if (request.ok) {
      expectTypeOf(request.query).toEqualTypeOf<SyncQuery>();
      expectTypeOf(request.accessToken).toEqualTypeOf<string | undefined>();
    } else {
      expectTypeOf(request.status).toEqualTypeOf<400 | 414>();
      expectTypeOf(request.body).toEqualTypeOf<MatrixError>();
    }
  });
});
