/**
 * What the mock and proxy benchmarks share: servers in processes of their own, started once and
 * stopped at the end, and a load of keep-alive requests on loopback, each timed from the request to
 * its last byte.
 */
import { spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { quantile } from "./measure.js";

export interface Served {
  origin: string;
  stop(): Promise<void>;
}

/** Starts the command and waits for a line that holds its address; what it prints next is read and dropped. */
export function startServer(program: string, args: readonly string[], address = /(http:\/\/127\.0\.0\.1:\d+)/): Promise<Served> {
  const child = spawn(program, args, { stdio: ["ignore", "pipe", "pipe"] });
  let seen = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      const match = address.exec(seen);
      if (match === null) return;
      child.stdout.off("data", onData).on("data", () => {});
      const exited = new Promise<void>((done) => child.once("exit", () => done()));
      resolve({ origin: match[1]!, stop: () => (child.kill("SIGTERM"), exited) });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => (seen += chunk.toString("utf8")));
    child.once("exit", (code) =>
      reject(new Error(`${program} ${args.join(" ")} exited with ${code} before it listened:\n${seen.slice(-2000)}`)),
    );
  });
}

export interface Load {
  /** Requests completed per second, over the whole load. */
  perSecond: number;
  /** Milliseconds from sending a request to its last byte. */
  p50: number;
  p99: number;
}

/** One request on a kept-alive connection: its time to the last byte, or an error for any status but 200. */
function timedGet(url: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    request(url, { agent }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`${url} answered ${res.statusCode}`));
      res.on("data", () => {});
      res.on("end", () => resolve(performance.now() - started));
    })
      .on("error", reject)
      .end();
  });
}

/** `requests` GETs of `url`, `concurrency` at a time, each on a kept-alive connection of its own. */
export async function load(url: string, requests: number, concurrency: number): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next++ < requests) latencies.push(await timedGet(url, agent));
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: requests / elapsed, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
}

/** Runs `measure` for each candidate once per round, in an order that rotates, after warm-up rounds; the samples by candidate. */
export async function interleaved<T>(
  names: readonly string[],
  rounds: number,
  warmup: number,
  measure: (name: string) => Promise<T>,
): Promise<Map<string, T[]>> {
  const samples = new Map(names.map((name): [string, T[]] => [name, []]));
  for (let round = -warmup; round < rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + Math.max(round, 0)) % names.length]!;
      const sample = await measure(name);
      if (round >= 0) samples.get(name)!.push(sample);
    }
  }
  return samples;
}

export const median = (values: readonly number[]) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
