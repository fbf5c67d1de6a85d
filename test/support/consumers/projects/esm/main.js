// An ES module consumer: the runtime, and the JSON documents through import attributes.
import {
  assertSyncResponse,
  checkSyncResponse,
  ContractError,
  examples,
  openapi,
  schemas,
  validateSyncResponse,
} from "matrix-sync-contract";
import openapiDocument from "matrix-sync-contract/openapi.json" with { type: "json" };
import syncResponseSchema from "matrix-sync-contract/schemas/SyncResponse.json" with { type: "json" };

const broken = structuredClone(examples.SyncResponse);
broken.rooms.joined["!726s6s6q:example.com"].timeline.limited = "yes";

let thrown = "nothing";
try {
  assertSyncResponse(broken);
} catch (error) {
  thrown = error instanceof ContractError ? error.message : `another error: ${error}`;
}

console.log(
  JSON.stringify({
    example: validateSyncResponse(examples.SyncResponse),
    broken: validateSyncResponse(broken),
    errors: validateSyncResponse.errors.map(({ instancePath, keyword, message }) => ({ instancePath, keyword, message })),
    check: checkSyncResponse(broken),
    standard: { vendor: checkSyncResponse["~standard"].vendor, result: checkSyncResponse["~standard"].validate(broken) },
    thrown,
    openapiVersion: openapiDocument.openapi,
    sameOpenApi: JSON.stringify(openapiDocument) === JSON.stringify(openapi),
    sameSchema: JSON.stringify(syncResponseSchema) === JSON.stringify(schemas.SyncResponse),
  }),
);
