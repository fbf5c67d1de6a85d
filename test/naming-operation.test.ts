/** Operation extraction (scripts/generate/operation.ts): what the request helpers and naming read of the one operation. */
import { describe, expect, test } from "vitest";
import { accessTokenParameter, basePath, extractOperation, findOperation } from "../scripts/generate/operation.js";
import type { OpenApiDocument, OperationObject } from "../scripts/generate/types.js";

const body = { type: "object", properties: { next_batch: { type: "string" } } };

function document(operation: OperationObject = {}): OpenApiDocument {
  return {
    openapi: "3.0.0",
    servers: [{ url: "https://localhost:8008/_matrix/client/v2_alpha/" }],
    components: { securitySchemes: { accessToken: { type: "apiKey", in: "query", name: "access_token" } } },
    security: [{ accessToken: [] }],
    paths: {
      "/sync": {
        get: {
          parameters: [
            { in: "query", name: "since", schema: { type: "string" } },
            { in: "header", name: "X-Trace", schema: { type: "string" } },
            { in: "query", name: "timeout", required: true, schema: { type: "integer" } },
            { in: "query", name: "filter" },
          ],
          responses: { "200": { description: "The sync.", content: { "application/json": { schema: body } } } },
          ...operation,
        },
      },
    },
  };
}

describe("findOperation", () => {
  test("finds the one operation, by path and method", () => {
    const doc = document();
    expect(findOperation(doc)).toEqual({ path: "/sync", method: "get", operation: doc.paths!["/sync"]!.get });
  });

  test("counts operations of every path, and only HTTP methods", () => {
    const doc = document();
    doc.paths!["/sync"]!.summary = "not an operation";
    expect(findOperation(doc).method).toBe("get");
    doc.paths!["/other"] = { post: {} };
    expect(() => findOperation(doc)).toThrow("the spec must describe exactly one operation; it describes 2");
    expect(() => findOperation({ openapi: "3.0.0" })).toThrow("the spec must describe exactly one operation; it describes 0");
  });
});

describe("extractOperation", () => {
  test("reads method, path, base path, access token parameter, and the query parameters in the order written", () => {
    const doc = document();
    expect(extractOperation(doc)).toEqual({
      method: "get",
      path: "/sync",
      basePath: "/_matrix/client/v2_alpha",
      accessTokenParameter: "access_token",
      query: {
        since: { type: "string", required: false },
        timeout: { type: "integer", required: true },
        filter: { type: null, required: false },
      },
      queryParameters: [
        { in: "query", name: "since", schema: { type: "string" } },
        { in: "query", name: "timeout", required: true, schema: { type: "integer" } },
        { in: "query", name: "filter" },
      ],
      responseSchema: body,
      responseDescription: "The sync.",
    });
  });

  test("an operation without a 200 application/json body is not one the pipeline can name", () => {
    const doc = document({ responses: { "200": { description: "Nothing.", content: { "text/plain": { schema: { type: "string" } } } } } });
    expect(() => extractOperation(doc)).toThrow("GET /sync has no 200 application/json response schema");
  });
});

describe("basePath", () => {
  test("is the path of the first server URL, without its trailing slash", () => {
    expect(basePath(document())).toBe("/_matrix/client/v2_alpha");
    expect(basePath({ openapi: "3.0.0", servers: [{ url: "/api/" }, { url: "/other" }] })).toBe("/api");
    expect(basePath({ openapi: "3.0.0" })).toBe("");
  });
});

describe("accessTokenParameter", () => {
  const schemes = {
    bearer: { type: "http" },
    header: { type: "apiKey", in: "header", name: "Authorization" },
    query: { type: "apiKey", in: "query", name: "access_token" },
  };

  test("is the query parameter of the first API key scheme the operation requires", () => {
    const doc: OpenApiDocument = { openapi: "3.0.0", components: { securitySchemes: schemes } };
    expect(accessTokenParameter(doc, { security: [{ bearer: [] }, { header: [], query: [] }] })).toBe("access_token");
    expect(accessTokenParameter(doc, { security: [{ bearer: [] }, { header: [] }] })).toBeNull();
  });

  test("falls back to the document's requirements, and an empty list on the operation means none", () => {
    const doc: OpenApiDocument = { openapi: "3.0.0", components: { securitySchemes: schemes }, security: [{ query: [] }] };
    expect(accessTokenParameter(doc, {})).toBe("access_token");
    expect(accessTokenParameter(doc, { security: [] })).toBeNull();
  });
});
