/** The proxy's checking thread and the order its reports come out in. */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { createCheckPool } from "../src/proxy/check-pool.js";
import type { Exchange } from "../src/proxy/exchange.js";
import { InOrder } from "../src/proxy/in-order.js";
import { repoRoot } from "./support/repo-copy.js";

const job = (text: string) => ({ body: new TextEncoder().encode(text), coding: undefined, check: {}, record: true, token: "tok-123" });
// Past the size from which bodies go to the worker thread (64 kB).
const PADDING = "p".repeat(70_000);
const BODY = JSON.stringify({ next_batch: "x", rooms: { joined: { "tok-123": { timeline: { limited: "no" } } } }, padding: PADDING });
const expected = {
  response: {
    valid: false,
    issues: [{ pointer: "/rooms/joined/[redacted]/timeline/limited", message: "must be boolean", rule: "schema:type", severity: "error" }],
    truncated: false,
  },
  record: `{"next_batch":"x","rooms":{"joined":{"[redacted]":{"timeline":{"limited":"no"}}}},"padding":"${PADDING}"}`,
};

describe("the check pool", () => {
  it("checks a body, the token taken out, wherever it runs", async () => {
    const pool = createCheckPool();
    expect(await pool.check(job(BODY))).toEqual(expected);
    expect(await pool.check(job('{"next_batch":"tok-123"}'))).toEqual({
      response: { valid: true, issues: [], truncated: false },
      record: '{"next_batch":"[redacted]"}',
    });
    pool.close();
  });

  it("checks a large body on a worker thread in the command (from source, under tsx), a small one on its own thread", () => {
    // Counts the worker's messages and errors: a check that ran on the main thread shows no message.
    const script = `
      import { Worker } from "node:worker_threads";
      const counts = { message: 0, error: 0 };
      const emit = Worker.prototype.emit;
      Worker.prototype.emit = function (event, ...args) { if (event in counts) counts[event]++; return emit.call(this, event, ...args); };
      const { createCheckPool } = await import(${JSON.stringify(pathToFileURL(join(repoRoot, "src/proxy/check-pool.ts")).href)});
      const pool = createCheckPool();
      const job = (text) => ({ body: new TextEncoder().encode(text), coding: undefined, check: {}, record: true, token: "tok-123" });
      const result = await pool.check(job(${JSON.stringify(BODY)}));
      const small = await pool.check(job('{"next_batch":1}'));
      pool.close();
      console.log(JSON.stringify({ result, small: small.response.issues.map((issue) => issue.pointer), counts }));`;
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
    const run = spawnSync(process.execPath, ["--import", tsx, "--input-type=module", "-e", script], { cwd: repoRoot, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ result: expected, small: ["/next_batch"], counts: { message: 1, error: 0 } });
  });
});

describe("InOrder", () => {
  const exchange = (target: string) => ({ target }) as Exchange;

  it("tells exchanges in the order their answers were complete, and is idle once all are told", async () => {
    const told: string[] = [];
    const errors: unknown[] = [];
    const order = new InOrder(
      (each) => told.push(each.target),
      (error) => errors.push(error),
    );
    for (let i = 0; i < 4; i++) order.begin();
    const places = [order.place(), order.place(), order.place()];
    order.abandon();
    let idle = false;
    const waiting = order.idle().then(() => (idle = true));
    order.fill(places[2]!, exchange("third"));
    order.fill(places[1]!, undefined);
    expect(told).toEqual([]);
    order.fill(places[0]!, exchange("first"));
    expect(told).toEqual(["first", "third"]);
    await waiting;
    expect([idle, errors]).toEqual([true, []]);
  });

  it("hands what telling throws to onError and goes on", () => {
    const errors: unknown[] = [];
    const told: string[] = [];
    const order = new InOrder(
      (each) => {
        if (each.target === "bad") throw new Error("report failed");
        told.push(each.target);
      },
      (error) => errors.push((error as Error).message),
    );
    order.begin();
    order.begin();
    order.fill(order.place(), exchange("bad"));
    order.fill(order.place(), exchange("good"));
    expect([told, errors]).toEqual([["good"], ["report failed"]]);
  });
});
