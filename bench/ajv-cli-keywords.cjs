// Loaded by `ajv validate -c`: declares OpenAPI's `example` keyword, which ajv's strict mode
// rejects while undeclared (the package's generator declares it the same way). ajv-cli's other
// defaults stay as they are.
module.exports = (ajv) => ajv.addKeyword("example");
