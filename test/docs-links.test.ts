/**
 * Every relative link of README.md, CONTRIBUTING.md and docs/*.md reaches an existing file and, when
 * it names one, an existing heading's anchor there, as GitHub renders anchors.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { documentationFiles } from "./support/readme-blocks.js";
import { headingAnchors, relativeLinks, slug } from "./support/readme-links.js";
import { repoRoot } from "./support/repo-copy.js";

describe("anchors and links as GitHub reads them", () => {
  it.each([
    ["The command: validate fixtures", "the-command-validate-fixtures"],
    ["`npm run contract:diff`", "npm-run-contractdiff"],
    ["Sync client and openapi-fetch", "sync-client-and-openapi-fetch"],
    ["CI: GitHub Actions", "ci-github-actions"],
    ["What `event_map` holds, *briefly*", "what-event_map-holds-briefly"],
    ["A [linked](x.md) heading", "a-linked-heading"],
  ])("%s → #%s", (heading, anchor) => {
    expect(slug(heading)).toBe(anchor);
  });

  it("numbers a repeated heading and sees no heading inside a code block", () => {
    const markdown = ["# Options", "## Options", "```sh", "# not a heading", "```", "### Options #"].join("\n");
    expect([...headingAnchors(markdown, "x.md")]).toEqual(["options", "options-1", "options-2"]);
  });

  it("finds relative links with their line, outside code blocks and code spans, and leaves out other schemes", () => {
    const markdown = [
      'See [a](a.md#top) and [b](docs/b.md "title"), [web](https://example.org) [mail](mailto:x@example.org).',
      "`[c](c.md)` then [here](#here)",
      "```md",
      "[d](d.md)",
      "```",
    ].join("\n");
    expect(relativeLinks(markdown, "x.md")).toEqual([
      { line: 1, target: "a.md#top" },
      { line: 1, target: "docs/b.md" },
      { line: 2, target: "#here" },
    ]);
  });
});

/** What is wrong with a link of `file`, or undefined when it reaches its file and heading. */
function brokenLink(file: string, target: string): string | undefined {
  const [path, anchor] = target.split("#", 2) as [string, string | undefined];
  const resolved = path === "" ? join(repoRoot, file) : join(repoRoot, dirname(file), decodeURIComponent(path));
  if (!resolved.startsWith(repoRoot)) return "points outside the repository";
  if (!existsSync(resolved)) return `no file ${relative(repoRoot, resolved)}`;
  if (anchor === undefined) return undefined;
  if (!resolved.endsWith(".md")) return "an anchor into a file that is not Markdown";
  const anchors = headingAnchors(readFileSync(resolved, "utf8"), relative(repoRoot, resolved));
  return anchors.has(anchor) ? undefined : `no heading #${anchor} in ${relative(repoRoot, resolved)}`;
}

describe("the documentation's relative links", () => {
  it.each(documentationFiles(repoRoot))("%s: each reaches its file and heading", (file) => {
    const links = relativeLinks(readFileSync(join(repoRoot, file), "utf8"), file);
    const broken = links.flatMap(({ line, target }) => {
      const problem = brokenLink(file, target);
      return problem === undefined ? [] : [`${file}:${line}: ${target}: ${problem}`];
    });
    expect(broken).toEqual([]);
  });

  it("catches a missing file and a missing heading", () => {
    expect([brokenLink("README.md", "docs/nope.md"), brokenLink("docs/rules.md", "../README.md#nope")]).toEqual([
      "no file docs/nope.md",
      "no heading #nope in README.md",
    ]);
  });
});
