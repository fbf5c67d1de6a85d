/**
 * The packed tarball, consumed as outside projects consume it: Node as an ES module and as CommonJS,
 * TypeScript under `node16`, `nodenext` and `bundler` resolution with `exactOptionalPropertyTypes`, an
 * openapi-fetch client, Hono's Standard Schema validator, test suites using the vitest and fast-check
 * entries (one registering the matchers through `setupFiles`), and a page in Chromium whose Content
 * Security Policy forbids eval. Each project is in test/support/consumers/projects/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire, isBuiltin } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import ts from "typescript";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findChromium, runPage, type Machine } from "./support/consumers/browser.js";
import { buildAndPack, installConsumers, mustRun, run, runAsync, serve, type Packed } from "./support/consumers/harness.js";

const CSP = "script-src 'self'";
const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");

// Every project breaks the spec's example the same way: a room's `timeline.limited` becomes a string.
const LIMITED = "/rooms/joined/!726s6s6q:example.com/timeline/limited";
const LIMITED_ISSUE = { pointer: LIMITED, message: "must be boolean", rule: "schema:type", severity: "error" };
const NODE_REPORT = {
  example: true,
  broken: false,
  errors: [{ instancePath: LIMITED, keyword: "type", message: "must be boolean" }],
  check: { valid: false, issues: [LIMITED_ISSUE], truncated: false },
  standard: {
    vendor: "matrix-sync-contract",
    result: { issues: [{ message: "must be boolean", path: ["rooms", "joined", "!726s6s6q:example.com", "timeline", "limited"] }] },
  },
  thrown: `SyncResponse breaks the contract (1 error):\n  ${LIMITED}: must be boolean (schema:type)`,
  openapiVersion: "3.0.0",
  sameOpenApi: true,
  sameSchema: true,
};
const WRONG_LITERAL = "wrong-literal.ts(4,59): error TS2322: Type 'string' is not assignable to type 'boolean | undefined'.\n";

let work: string;
let packed: Packed;
let project: (name: string) => string;
let keepWork = false;

/** Each path an exports map or bin points to, as a pattern of package paths (`*` matching any part). */
function targets(value: unknown): RegExp[] {
  if (typeof value !== "string") return Object.values(value as object).flatMap(targets);
  const escaped = value.replace(/^\.\//, "").replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  return [new RegExp(`^${escaped.replace(/\*/g, ".+")}$`)];
}

/** The package a bare specifier names: `@scope/name` or `name`, without a subpath. */
const packageOf = (specifier: string) => specifier.split("/", specifier.startsWith("@") ? 2 : 1).join("/");
const isPackage = (specifier: string) => !specifier.startsWith(".") && !isBuiltin(specifier);

const node = (name: string, script: string) => JSON.parse(mustRun(process.execPath, [script], project(name))) as unknown;

/** Runs a consumer project's own vitest, which must pass, and gives each test's title and status. */
function runProjectVitest(dir: string): string[][] {
  const vitest = join(project("node_modules"), "vitest/vitest.mjs");
  const result = run(process.execPath, [vitest, "run", "--reporter=json", "--outputFile=report.json"], dir);
  expect(result.status, result.stdout + result.stderr).toBe(0);
  const report = JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as {
    testResults: { assertionResults: { title: string; status: string }[] }[];
  };
  return report.testResults.flatMap((file) => file.assertionResults.map(({ title, status }) => [title, status]));
}

describe("the tarball", () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "matrix-sync-contract-consumers-"));
    packed = buildAndPack(work);
    project = installConsumers(join(work, "consumers"), packed.tarball);
  }, 180_000);

  // After a failure the projects stay, as they were run (with the browser's screenshot), for a look.
  beforeEach(({ onTestFailed }) => onTestFailed(() => void (keepWork = true)));
  afterAll(() => {
    if (keepWork) console.warn(`consumer projects kept in ${work}`);
    else if (work) rmSync(work, { recursive: true, force: true });
  });

  describe("the packed package", () => {
    it("ships dist, the generated JSON, the config file's schema, README, CHANGELOG and LICENSE, and nothing else", () => {
      const topLevel = [...new Set(packed.files.map((path) => path.split("/")[0]))].sort();
      expect(topLevel).toEqual(["CHANGELOG.md", "LICENSE", "README.md", "config.schema.json", "dist", "generated", "package.json"]);
      expect(packed.files.filter((path) => path.startsWith("generated/") && !path.endsWith(".json"))).toEqual([]);
      expect(packed.files).toEqual(
        expect.arrayContaining(["generated/openapi.json", "generated/schemas/SyncResponse.json", "generated/examples/SyncResponse.json"]),
      );
    });

    it("contains a file for every target of its exports map and bin", () => {
      const manifest = JSON.parse(readFileSync(join(project("node_modules"), "matrix-sync-contract/package.json"), "utf8"));
      const missing = targets([manifest.exports, manifest.bin]).filter((target) => !packed.files.some((path) => target.test(path)));
      expect(missing).toEqual([]);
    });

    it("depends at run time on exactly the packages its scripts import, beside its peer dependencies", async () => {
      const root = join(project("node_modules"), "matrix-sync-contract");
      const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
      const scripts = packed.files.filter((path) => /^dist\/.*\.c?js$/.test(path)).map((path) => join(root, path));
      // esbuild reads every import, require and import() of the scripts, as a bundler would; each entry
      // gets a name of its own, since index.js and index.cjs would both be written as index.js.
      const { metafile } = await build({
        entryPoints: Object.fromEntries(scripts.map((path, i) => [String(i), path])),
        bundle: true,
        write: false,
        metafile: true,
        platform: "node",
        format: "esm",
        packages: "external",
        outdir: "bundled",
        logLevel: "silent",
      });
      const imported = Object.values(metafile.inputs).flatMap((input) => input.imports.map((entry) => entry.path));
      const packages = [...new Set(imported.filter(isPackage).map(packageOf))].sort();
      expect(packages).toEqual([...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)].sort());
      expect(Object.keys(manifest.dependencies)).toEqual(["tinyglobby"]);
    });

    it("has declarations that name no package beyond its dependencies and peers", () => {
      const root = join(project("node_modules"), "matrix-sync-contract");
      const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
      const declarations = packed.files.filter((path) => /\.d\.c?ts$/.test(path));
      const named = declarations.flatMap((path) => {
        const { importedFiles, typeReferenceDirectives } = ts.preProcessFile(readFileSync(join(root, path), "utf8"), true, true);
        return [...importedFiles, ...typeReferenceDirectives].map((reference) => reference.fileName);
      });
      const packages = [...new Set(named.filter(isPackage).map(packageOf))].sort();
      expect(packages).toEqual(["fast-check", "vitest"]);
      expect(packages.filter((name) => !(name in manifest.dependencies) && !(name in manifest.peerDependencies))).toEqual([]);
    });
  });

  describe("consumers of the tarball", () => {
    it("Node, as an ES module: the runtime and the JSON documents with import attributes", () => {
      expect(node("esm", "main.js")).toEqual(NODE_REPORT);
    });

    it("Node, as CommonJS: the runtime and the JSON documents through require", () => {
      expect(node("cjs", "main.js")).toEqual(NODE_REPORT);
    });

    it("the command from the installed bin: located SARIF results, --shard, a usage error with a suggestion", () => {
      const bin = join(work, "consumers/node_modules/.bin/matrix-sync-contract");
      const fixtures = join(work, "fixtures");
      mkdirSync(fixtures);
      writeFileSync(join(fixtures, "a.json"), '{\n  "next_batch": 5\n}\n');
      writeFileSync(join(fixtures, "b.json"), '{ "next_batch": "s1" }\n');
      const sarif = run(bin, ["validate", "--format", "sarif", "a.json", "b.json"], fixtures);
      expect(sarif.status).toBe(1);
      expect((JSON.parse(sarif.stdout) as { runs: { results: unknown[] }[] }).runs[0]!.results).toEqual([
        {
          ruleId: "schema:type",
          ruleIndex: 2,
          level: "error",
          message: { text: "/next_batch: must be string" },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: "a.json", uriBaseId: "SRCROOT" }, region: { startLine: 2, startColumn: 17 } },
              logicalLocations: [{ fullyQualifiedName: "/next_batch" }],
            },
          ],
        },
      ]);
      // Sorted and dealt in turn: the second of two shards holds b.json alone.
      expect(run(bin, ["validate", "--shard", "2/2", "a.json", "b.json"], fixtures)).toEqual({
        status: 0,
        stdout: "1 passed, 0 failed\n",
        stderr: "",
      });
      expect(run(bin, ["validate", "--fromat", "json", "a.json"], fixtures)).toEqual({
        status: 2,
        stdout: "",
        stderr: "matrix-sync-contract: unknown option --fromat; did you mean --format?\nRun matrix-sync-contract --help for usage.\n",
      });
    });

    it.each(["node16", "nodenext", "bundler"])(
      "TypeScript, moduleResolution %s with exactOptionalPropertyTypes: the types check, options take undefined, a wrong literal does not",
      (resolution) => {
        // The one error proves both halves: the valid files (and the package's declarations) have none.
        const result = run(process.execPath, [TSC, "--pretty", "false", "-p", `tsconfig.${resolution}.json`], project("typescript"));
        expect(result).toEqual({ status: 2, stdout: WRONG_LITERAL, stderr: "" });
      },
    );

    it("Hono's sValidator takes checkSyncResponse as a Standard Schema: typed as @standard-schema/spec says, it accepts and rejects", () => {
      const dir = project("standard-schema");
      expect(run(process.execPath, [TSC, "--pretty", "false", "-p", "tsconfig.json"], dir)).toEqual({ status: 0, stdout: "", stderr: "" });
      expect(JSON.parse(mustRun(process.execPath, ["run.js"], dir))).toEqual({
        valid: { status: 200, body: { next: "s72595_4483_1934" } },
        invalid: {
          status: 400,
          body: { data: { next_batch: 5 }, success: false, error: [{ message: "must be string", path: ["next_batch"] }] },
        },
      });
    });

    it.each(["node16", "nodenext", "bundler"])(
      "vitest setupFiles: the matchers' types come from a reference to matrix-sync-contract/vitest under moduleResolution %s",
      (resolution) => {
        const result = run(process.execPath, [TSC, "--pretty", "false", "-p", `tsconfig.${resolution}.json`], project("vitest-setup"));
        expect(result).toEqual({ status: 0, stdout: "", stderr: "" });
      },
    );

    it("vitest setupFiles: without the reference the test file does not know the matchers, which the setup file registers at run time", () => {
      const dir = project("vitest-setup");
      const missing = (line: number, column: number, matcher: string, type: string) =>
        `contract.test.ts(${line},${column}): error TS2339: Property '${matcher}' does not exist on type 'Assertion<${type}>'.\n`;
      expect(run(process.execPath, [TSC, "--pretty", "false", "-p", "tsconfig.without-reference.json"], dir)).toEqual({
        status: 2,
        stdout:
          missing(6, 33, "toBeValidSyncResponse", "SyncResponse") +
          missing(7, 26, "toSatisfyContract", "Event") +
          missing(11, 33, "toBeValidSyncResponse", "{ next_batch: number; }"),
        stderr: "",
      });
      expect(runProjectVitest(dir)).toEqual([
        ["the matchers registered by setupFiles accept the example", "passed"],
        ["the matchers registered by setupFiles reject a broken value", "passed"],
      ]);
    });

    it("openapi-fetch: a client typed by `paths` gets the example from a loopback server, and it passes checkSyncResponse", async () => {
      const dir = project("openapi-fetch");
      expect(run(process.execPath, [TSC, "--pretty", "false", "-p", "tsconfig.json"], dir)).toEqual({ status: 0, stdout: "", stderr: "" });
      const example = readFileSync(join(project("node_modules"), "matrix-sync-contract/generated/examples/SyncResponse.json"), "utf8");
      const server = await serve({ "/_matrix/client/v2_alpha/sync": { type: "application/json", body: example } });
      try {
        const result = await runAsync(process.execPath, ["run.js", server.url], dir);
        expect(result.status, result.stderr).toBe(0);
        const requested = "/_matrix/client/v2_alpha/sync?since=s72594_4483_1934&timeout=0";
        expect(server.requests).toEqual([requested]);
        expect(JSON.parse(result.stdout)).toEqual({
          status: 200,
          requested,
          check: { valid: true, value: JSON.parse(example), issues: [], truncated: false },
        });
      } finally {
        await server.close();
      }
    });

    it("vitest and fast-check: the ./vitest matchers and ./testing arbitraries, run by the project's own vitest", () => {
      const dir = project("peer-entries");
      expect(runProjectVitest(dir)).toEqual([
        ["the matchers accept the bundled example", "passed"],
        ["the matchers reject a broken copy, naming the pointer", "passed"],
        ["the arbitraries generate responses that satisfy the contract", "passed"],
        ["the arbitraries work through require too", "passed"],
      ]);
    });

    it("the browser: a bundled page validates under a CSP without unsafe-eval", async (context) => {
      const browser = findChromium();
      if ("missing" in browser) {
        // The reporter shows a skip's note only in verbose mode; the warning shows in every mode.
        console.warn(`browser test skipped: ${browser.missing}`);
        return context.skip(browser.missing);
      }
      const dir = project("browser");
      const bundled = await build({
        entryPoints: [join(dir, "main.js")],
        bundle: true,
        format: "esm",
        platform: "browser",
        write: false,
        logLevel: "silent",
      });
      const server = await serve(
        {
          "/": { type: "text/html; charset=utf-8", body: readFileSync(join(dir, "index.html")) },
          "/app.js": { type: "text/javascript; charset=utf-8", body: Buffer.from(bundled.outputFiles[0]!.contents) },
        },
        { "Content-Security-Policy": CSP },
      );
      const screenshot = join(dir, "page.png");
      try {
        const { csp, failure, result } = await runPage(browser.path, server.url, screenshot);
        expect(csp).toBe(CSP);
        expect(failure, `screenshot: ${screenshot}`).toBe("");
        expect(JSON.parse(result!), `screenshot: ${screenshot}`).toEqual({
          evalIsBlocked: true,
          example: true,
          broken: false,
          issues: [LIMITED_ISSUE],
        });
      } finally {
        await server.close();
      }
    });
  });
});

describe("finding Chromium for the browser test", () => {
  const HOME = "/home/reader";
  const CACHE = `${HOME}/.cache/ms-playwright`;
  const NEWER = `${CACHE}/chromium-1200/chrome-linux64/chrome`;
  const OLDER = `${CACHE}/chromium-999/chrome-linux/chrome`;
  const CACHED = { [CACHE]: ["chromium-999", "chromium-1200", "chromium_headless_shell-1300", "firefox-1500", ".links"] };

  /** A machine with these executables and folders, and nothing else. */
  const machine = (env: Machine["env"], executables: string[], folders: Record<string, string[]> = {}): Machine => ({
    env,
    home: HOME,
    isExecutable: (path) => executables.includes(path),
    list: (dir) => folders[dir] ?? [],
  });

  it.each([
    ["CHROMIUM_PATH before anything else", { CHROMIUM_PATH: "/opt/c/chrome" }, ["/opt/c/chrome", "/usr/bin/chromium"], {}, "/opt/c/chrome"],
    ["Debian's /usr/bin/chromium next", {}, ["/usr/bin/chromium", "/usr/bin/chromium-browser", NEWER], CACHED, "/usr/bin/chromium"],
    ["then /usr/bin/chromium-browser", {}, ["/usr/bin/chromium-browser", NEWER], CACHED, "/usr/bin/chromium-browser"],
    ["then the newest revision in playwright's cache (by number, not text)", {}, [NEWER, OLDER], CACHED, NEWER],
    ["an older revision when the newer one has no executable", {}, [OLDER], CACHED, OLDER],
    [
      "the cache under XDG_CACHE_HOME",
      { XDG_CACHE_HOME: "/xdg" },
      ["/xdg/ms-playwright/chromium-7/chrome-linux64/chrome", NEWER],
      { "/xdg/ms-playwright": ["chromium-7"], ...CACHED },
      "/xdg/ms-playwright/chromium-7/chrome-linux64/chrome",
    ],
    [
      "the cache PLAYWRIGHT_BROWSERS_PATH names",
      { PLAYWRIGHT_BROWSERS_PATH: "/browsers", XDG_CACHE_HOME: "/xdg" },
      ["/browsers/chromium-8/chrome-linux-arm64/chrome"],
      { "/browsers": ["chromium-8"] },
      "/browsers/chromium-8/chrome-linux-arm64/chrome",
    ],
  ])("chooses %s", (_, env, executables, folders, path) => {
    expect(findChromium(machine(env, executables, folders))).toEqual({ path });
  });

  const MISSING =
    "no Chromium in CHROMIUM_PATH, at /usr/bin/chromium or /usr/bin/chromium-browser, or in /home/reader/.cache/ms-playwright: " +
    "install one (apt-get install -y chromium, or npx playwright install chromium) or set CHROMIUM_PATH";

  it.each([{}, { CI: "" }, { CI: "false" }, { CI: "0" }])("with none, outside CI (%o), says where it looked, to skip the test", (env) => {
    expect(findChromium(machine(env, [], CACHED))).toEqual({ missing: MISSING });
  });

  it.each([{ CI: "true" }, { CI: "1" }])("with none, under CI (%o), fails with the install hint", (env) => {
    expect(() => findChromium(machine(env, [], CACHED))).toThrow(new Error(`${MISSING}. Under CI the browser test is required.`));
  });

  it("fails when CHROMIUM_PATH names no executable, rather than look elsewhere", () => {
    expect(() => findChromium(machine({ CHROMIUM_PATH: "/opt/c\n::error::x" }, ["/usr/bin/chromium"]))).toThrow(
      new Error("CHROMIUM_PATH is /opt/c\\n::error::x, which is not an executable file"),
    );
  });
});
