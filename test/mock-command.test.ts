/** `matrix-sync-contract mock` as a real process: its first line, its log, its errors and a clean stop on a signal. */
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { buildSyncUrl, examples } from "../src/index.js";
import { faults } from "../src/mock/index.js";
import { runCli } from "./support/cli.js";
import { repoRoot } from "./support/repo-copy.js";
import { startCommand } from "./support/serve-command.js";

const TOKEN = "RECOGNISABLE-mock-token-4c1d";

describe("matrix-sync-contract mock", () => {
  it("serves the chain on a free port, logs each request without the token, and stops with 0 on SIGINT", async () => {
    const command = await startCommand(["mock", "--port", "0", "--batches", "1", "--source", "examples"]);
    const first = await fetch(buildSyncUrl(command.origin, { timeout: 0 }, { accessToken: TOKEN }));
    const body = await first.json();
    expect(body).toEqual({ ...examples.SyncResponse, next_batch: expect.stringMatching(/^s1_[0-9a-f]{8}$/) });
    expect((await fetch(`${command.origin}/elsewhere?access_token=${TOKEN}`)).status).toBe(404);
    // A long-poll that would wait 30 s: the signal must end it, and the process must not wait for it.
    const polling = fetch(buildSyncUrl(command.origin, { since: body.next_batch, timeout: 600_000 }, { accessToken: TOKEN }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { status, stdout, stderr } = await command.stop("SIGINT");
    expect(await (await polling).json()).toEqual({ next_batch: body.next_batch });
    expect(status).toBe(0);
    expect(stderr).toBe("");
    const lines = stdout.split("\n");
    expect(lines[0]).toBe(`listening on ${command.origin}`);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^GET \/_matrix\/client\/v2_alpha\/sync\?timeout=0 200 \d+ bytes \d+ ms$/),
      expect.stringMatching(/^GET \/elsewhere 404 115 bytes \d+ ms$/),
      expect.stringMatching(
        new RegExp(`^GET /_matrix/client/v2_alpha/sync\\?since=${body.next_batch}&timeout=600000 200 \\d+ bytes \\d+ ms$`),
      ),
      "",
    ]);
    expect(stdout).not.toContain(TOKEN);
  });

  it("stops with 0 on SIGTERM, and serves the arbitrary payloads of its seed", async () => {
    const command = await startCommand(["mock", "--port", "0", "--seed", "42", "--fault", "type:Timeline.limited"]);
    const answer = await (await fetch(buildSyncUrl(command.origin, {}, { accessToken: TOKEN }))).json();
    expect(answer.rooms.joined["mock-fault"]).toEqual({ timeline: { limited: "mock fault" } });
    expect((await command.stop("SIGTERM")).status).toBe(0);
  });

  it("goes on serving when the reader of its log goes away (| head -1), and still stops with 0 on SIGINT", async () => {
    const command = await startCommand(["mock", "--port", "0", "--source", "examples"]);
    command.closeStdout();
    const url = buildSyncUrl(command.origin, {}, { accessToken: TOKEN });
    expect((await fetch(url)).status).toBe(200);
    // Past the log's next write, which finds no reader.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await fetch(url)).status).toBe(200);
    const { status, stderr } = await command.stop("SIGINT");
    expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
  });

  it("lists the faults, one a line, with the pointer, rule and severity each breaks", () => {
    const result = runCli(["mock", "--fault", "list"], { cwd: repoRoot });
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual([...faults.keys()]);
    expect(lines[0]).toMatch(/^type:SyncResponse +\(root\) \(schema:type, error\)$/);
    expect(lines).toContainEqual(
      expect.stringMatching(/^rule:limited-prev-batch +\/rooms\/joined\/mock-fault\/timeline \(limited-prev-batch, warning\)$/),
    );
  });

  it.each([
    [["--fault", "nope"], 'unknown fault "nope"; matrix-sync-contract mock --fault list lists them'],
    [["--source", "files"], 'unknown source "files"; the sources are: arbitrary, examples'],
    [["--port", "65536"], '--port takes a whole number from 0 to 65535, not "65536"'],
    [["--batches", "0"], '--batches takes a whole number from 1 to 1000000, not "0"'],
    [["--seed", "x"], '--seed takes a whole number from -2147483648 to 2147483647, not "x"'],
    [["--format", "json"], "unknown option --format"],
    [["--sed", "1"], "unknown option --sed; did you mean --seed?"],
    [["extra"], 'unexpected argument "extra": only options are taken'],
  ])("refuses %j with exit 2 and one line saying why", (args, message) => {
    const result = runCli(["mock", ...args], { cwd: repoRoot });
    expect(result).toEqual({
      status: 2,
      stdout: "",
      stderr: `matrix-sync-contract: ${message}\nRun matrix-sync-contract --help for usage.\n`,
    });
  });

  it("says which port it cannot listen on", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as { port: number };
    try {
      const result = runCli(["mock", "--port", String(port), "--source", "examples"], { cwd: repoRoot });
      expect(result).toEqual({
        status: 2,
        stdout: "",
        stderr: `matrix-sync-contract: cannot listen on 127.0.0.1 port ${port}: EADDRINUSE\nRun matrix-sync-contract --help for usage.\n`,
      });
    } finally {
      taken.close();
    }
  });
});
