// A CommonJS consumer: the runtime and the JSON documents, all through `require`.
const {
  assertSyncResponse,
  checkSyncResponse,
  ContractError,
  examples,
  openapi,
  schemas,
  validateSyncResponse,
} = require("matrix-sync-contract");
const openapiDocument = require("matrix-sync-contract/openapi.json");
const syncResponseSchema = require("matrix-sync-contract/schemas/SyncResponse.json");

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
