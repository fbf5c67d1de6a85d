// A real consumer of Standard Schema: Hono's sValidator, handed checkSyncResponse itself.
import { sValidator } from "@hono/standard-validator";
import { Hono } from "hono";
import { checkSyncResponse, examples } from "matrix-sync-contract";

const app = new Hono().post("/sync", sValidator("json", checkSyncResponse), (c) => c.json({ next: c.req.valid("json").next_batch }));

async function post(body) {
  const response = await app.request("/sync", {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json" },
  });
  return { status: response.status, body: await response.json() };
}

console.log(JSON.stringify({ valid: await post(examples.SyncResponse), invalid: await post({ next_batch: 5 }) }));
