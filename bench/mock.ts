/**
 * Benchmark 7: the mock homeserver's throughput and latency under load on loopback, against Prism 5
 * mocking the same OpenAPI document, with a plain node:http server sending the same JSON as the floor.
 * Each server runs in a process of its own, logging as it does by default.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import type { BuiltCommand } from "./builds.js";
import { interleaved, load, median, startServer, type Load, type Served } from "./mock-servers.js";
import { bundledExample, cacheDir, repoRoot } from "./payloads.js";
import { formatMs, formatRatio, markdownTable, type Section, type Target } from "./report.js";

const FLOOR = "plain node:http sending the same JSON (floor)";
const MOCK = "matrix-sync-contract mock --source examples";
const PRISM = "Prism 5, prism mock generated/openapi.json";
const PRISM_CLI = join(repoRoot, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
const SYNC = "/_matrix/client/v2_alpha/sync";

const SIZES = {
  quick: { requests: 30, rounds: 1, warmup: 0, concurrencies: [1] },
  full: { requests: 2000, rounds: 5, warmup: 1, concurrencies: [1, 8] },
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Each candidate's server and the URL its load asks for: the spec's example, with a token where one is needed. */
async function startAll(cli: BuiltCommand): Promise<{ servers: Map<string, { served: Served; url: string }>; prismProblem?: string }> {
  mkdirSync(cacheDir, { recursive: true });
  const exampleFile = join(cacheDir, "bundled-example.json");
  writeFileSync(exampleFile, bundledExample().text);
  const servers = new Map<string, { served: Served; url: string }>();
  const floor = await startServer(process.execPath, [join(repoRoot, "bench", "mock-floor.mjs"), exampleFile]);
  servers.set(FLOOR, { served: floor, url: `${floor.origin}${SYNC}` });
  const mock = await startServer(process.execPath, [cli.path, "mock", "--port", "0", "--source", "examples", "--batches", "1"]);
  servers.set(MOCK, { served: mock, url: `${mock.origin}${SYNC}?access_token=bench` });
  if (!existsSync(PRISM_CLI)) return { servers, prismProblem: "@stoplight/prism-cli is not installed" };
  try {
    const port = String(await freePort());
    const prism = await startServer(
      process.execPath,
      [PRISM_CLI, "mock", join(repoRoot, "generated", "openapi.json"), "-h", "127.0.0.1", "-p", port],
      /listening on (http:\/\/127\.0\.0\.1:\d+)/,
    );
    // Prism serves the document's paths as they are, without the base path.
    servers.set(PRISM, { served: prism, url: `${prism.origin}/sync?access_token=bench` });
    return { servers };
  } catch (error) {
    return { servers, prismProblem: `Prism did not start: ${(error as Error).message.split("\n")[0]}` };
  }
}

function loadTable(names: readonly string[], samples: Map<string, Load[]>, versus: string | undefined): string {
  const rows = names.map((name) => {
    const runs = samples.get(name)!;
    const ratio =
      versus === undefined || name === versus
        ? ""
        : formatRatio(median(runs.map((run, i) => run.perSecond / samples.get(versus)![i]!.perSecond)));
    return [
      name,
      median(runs.map((run) => run.perSecond)).toFixed(0),
      formatMs(median(runs.map((run) => run.p50))),
      formatMs(median(runs.map((run) => run.p99))),
      ratio,
    ];
  });
  return markdownTable(
    ["server", "requests/s", "p50 latency", "p99 latency", `requests/s, times ${versus === undefined ? "—" : "Prism's"}`],
    rows,
  );
}

export async function runMockBenchmark(quick: boolean, cli: BuiltCommand): Promise<Section> {
  const size = SIZES[quick ? "quick" : "full"];
  const { servers, prismProblem } = await startAll(cli);
  const names = [...servers.keys()];
  const tables: string[] = [];
  const targets: Target[] = [];
  try {
    for (const concurrency of size.concurrencies) {
      const samples = await interleaved(names, size.rounds, size.warmup, (name) =>
        load(servers.get(name)!.url, size.requests, concurrency),
      );
      const label = concurrency === 1 ? "one request at a time" : `${concurrency} requests at a time`;
      const versus = servers.has(PRISM) ? PRISM : undefined;
      tables.push(`**${size.requests.toLocaleString("en")} requests, ${label}**\n\n${loadTable(names, samples, versus)}`);
      if (versus !== undefined) {
        const ratio = median(samples.get(MOCK)!.map((run, i) => run.perSecond / samples.get(PRISM)!.at(i)!.perSecond));
        targets.push({ target: `the mock ≥ 3× Prism's requests per second (${label})`, measured: formatRatio(ratio), met: ratio >= 3 });
      }
    }
  } finally {
    await Promise.all([...servers.values()].map(({ served }) => served.stop()));
  }
  return {
    title: "7. Mock homeserver",
    notes: [
      "Requests per second and latency (from sending a request to its last byte) of `GET /sync` on loopback, from keep-alive " +
        "connections in the benchmark's process; each server runs in a process of its own and answers with the spec's example " +
        `response (${bundledExample().text.length.toLocaleString("en")} bytes). Rounds rotate the order of the servers; each figure is the median over the rounds, ` +
        "and the ratio the median of the per-round ratios.",
      `- ${MOCK}: \`mock --port 0 --source examples --batches 1\` of the command (${cli.how}), logging one line per request.\n` +
        `- ${PRISM}: \`prism mock generated/openapi.json -h 127.0.0.1 -p <port>\` (its own logging kept), asked for \`/sync\`, which is where it serves the document's path.\n` +
        `- ${FLOOR}: \`node bench/mock-floor.mjs\`, no routing, no checks, no logging.`,
      ...(prismProblem === undefined ? [] : [`Prism was not measured: ${prismProblem}. The floor is the comparison instead.`]),
    ],
    tables,
    targets,
  };
}
