/**
 * The generated declarations name no package: a user compiles against them with only this package
 * installed. The validators' error type is written out in generated/validators.d.ts instead of
 * imported from ajv; test/pipeline-declarations.test-d.ts holds it to ajv's.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/repo-copy.js";

/** Every module a file names: imports, re-exports and `import("…")` types. */
function moduleSpecifiers(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(["'])([^"'\n]+)\1/gm)].map((match) => match[2]!);
}

describe("the generated TypeScript modules and declarations", () => {
  const dir = join(repoRoot, "generated");
  const typeScript = readdirSync(dir).filter((file) => file.endsWith(".ts"));

  it("are the files the pipeline writes", () => {
    expect(typeScript.sort()).toEqual([
      "component-names.ts",
      "contract.ts",
      "examples.ts",
      "openapi.ts",
      "schemas.ts",
      "types.ts",
      "validators-all-errors.d.ts",
      "validators.d.ts",
    ]);
  });

  it("import nothing but each other and lib/", () => {
    const packages = typeScript.flatMap((file) =>
      moduleSpecifiers(readFileSync(join(dir, file), "utf8"))
        .filter((specifier) => !specifier.startsWith("./") && !specifier.startsWith("../lib/"))
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(packages).toEqual([]);
  });

  it("declare the validators' error type themselves", () => {
    const text = readFileSync(join(dir, "validators.d.ts"), "utf8");
    expect(text).toContain("export interface ErrorObject {");
    expect(text).toContain("  errors?: ErrorObject[] | null;");
  });
});
