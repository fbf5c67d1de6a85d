/**
 * Parsed JSON values as code that must not trust them reads them: the one test for "a JSON object",
 * which arrays and `null` are not, though `typeof` says "object" for both.
 */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
