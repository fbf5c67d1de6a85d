/**
 * A Chromium of the machine's, driven by playwright-core: open a page, wait for it to finish, read
 * what it wrote. Which Chromium: see `findChromium`.
 */
import { accessSync, constants, readdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { displayText } from "../../../lib/display-text.js";

// Without the networking switches, Chromium keeps trying to reach its services from a machine with no network.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** Long enough for a slow shared machine; a page that errors is reported as soon as it does. */
const PAGE_TIMEOUT_MS = 30_000;

export interface PageRun {
  /** The Content-Security-Policy header the page was served with. */
  csp: string | undefined;
  /** Empty when the page finished; otherwise why it did not. */
  failure: string;
  /** The text of `#result`, once the page set `data-done` on its body. */
  result: string | null;
}

/** Opens `url` in the Chromium at `executable`, waits until its body has `data-done` or it throws, and saves a screenshot either way. */
export async function runPage(executable: string, url: string, screenshot: string): Promise<PageRun> {
  const browser = await chromium.launch({ executablePath: executable, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    // Listening before the page loads: its module runs before `goto` returns.
    const crashed = page.waitForEvent("pageerror", { timeout: PAGE_TIMEOUT_MS }).then(
      (error) => `uncaught in the page: ${error.message}`,
      () => new Promise<string>(() => {}),
    );
    const response = await page.goto(url);
    const finished = page.waitForSelector("body[data-done]", { timeout: PAGE_TIMEOUT_MS }).then(
      () => "",
      (error: Error) => error.message,
    );
    const failure = await Promise.race([finished, crashed]);
    await page.screenshot({ path: screenshot });
    const result = failure === "" ? await page.textContent("#result") : null;
    return { csp: response?.headers()["content-security-policy"], failure, result };
  } finally {
    await browser.close();
  }
}

/** What `findChromium` looks at: the environment and the file system, apart so that tests can stand in for them. */
export interface Machine {
  env: Record<string, string | undefined>;
  home: string;
  /** Whether `path` is a file this process may execute. */
  isExecutable(path: string): boolean;
  /** The names in a folder; none when there is no such folder. */
  list(dir: string): string[];
}

export const thisMachine = (): Machine => ({
  env: process.env,
  home: homedir(),
  isExecutable(path) {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  },
  list(dir) {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
});

const SYSTEM_CHROMIUMS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
/** Where `npx playwright install chromium` puts the executable inside `chromium-<revision>/`: newer layouts first. */
const PLAYWRIGHT_LAYOUTS = ["chrome-linux64/chrome", "chrome-linux-arm64/chrome", "chrome-linux/chrome"];
const INSTALL_HINT = "install one (apt-get install -y chromium, or npx playwright install chromium) or set CHROMIUM_PATH";

/** The folder playwright installs browsers into, as playwright itself works it out on Linux. */
function playwrightCache(machine: Machine): string {
  const { PLAYWRIGHT_BROWSERS_PATH, XDG_CACHE_HOME } = machine.env;
  return PLAYWRIGHT_BROWSERS_PATH || join(XDG_CACHE_HOME || join(machine.home, ".cache"), "ms-playwright");
}

/**
 * The Chromium the browser test drives: `CHROMIUM_PATH` when it is set (and it must then be
 * executable), else Debian's and Ubuntu's paths, else the newest Chromium in playwright's cache.
 * With none, `missing` says where it looked, and the test is skipped; under CI (`CI` set to anything
 * but `false` or `0`) the test is required, so that throws instead.
 */
export function findChromium(machine: Machine = thisMachine()): { path: string } | { missing: string } {
  const chosen = machine.env.CHROMIUM_PATH;
  if (chosen) {
    if (machine.isExecutable(chosen)) return { path: chosen };
    throw new Error(`CHROMIUM_PATH is ${displayText(chosen)}, which is not an executable file`);
  }
  const cache = playwrightCache(machine);
  const revisions = machine
    .list(cache)
    .flatMap((name) => /^chromium-(\d+)$/.exec(name)?.slice(1) ?? [])
    .sort((a, b) => Number(b) - Number(a));
  const bundled = revisions.flatMap((revision) => PLAYWRIGHT_LAYOUTS.map((layout) => join(cache, `chromium-${revision}`, layout)));
  const found = [...SYSTEM_CHROMIUMS, ...bundled].find((path) => machine.isExecutable(path));
  if (found) return { path: found };
  const missing = `no Chromium in CHROMIUM_PATH, at ${SYSTEM_CHROMIUMS.join(" or ")}, or in ${displayText(cache)}: ${INSTALL_HINT}`;
  const { CI } = machine.env;
  if (CI !== undefined && CI !== "" && CI !== "false" && CI !== "0") throw new Error(`${missing}. Under CI the browser test is required.`);
  return { missing };
}
