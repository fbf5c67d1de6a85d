/** Debian's Chromium, driven by playwright-core: open a page, wait for it to finish, read what it wrote. */
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
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

/** Opens `url`, waits until its body has `data-done` or it throws, and saves a screenshot either way. */
export async function runPage(url: string, screenshot: string): Promise<PageRun> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium).`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
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
