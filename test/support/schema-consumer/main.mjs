// A consumer of the installed tarball's JSON Schema files: each loaded through the package's exports,
// compiled by Ajv (draft-07) and by Ajv2020, in strict mode, and run on the package's examples.
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { examples, schemaNames, validateSyncResponse } from "matrix-sync-contract";

const drafts = { "draft-07": { folder: "schemas", Ajv }, "2020-12": { folder: "schemas/2020-12", Ajv: Ajv2020 } };

const broken = structuredClone(examples.SyncResponse);
broken.rooms.joined["!726s6s6q:example.com"].timeline.limited = "yes";

const report = {};
for (const [draft, { folder, Ajv: Validator }] of Object.entries(drafts)) {
  const ajv = new Validator({ strict: true });
  const ids = [];
  for (const name of schemaNames) {
    const { default: schema } = await import(`matrix-sync-contract/${folder}/${name}.json`, { with: { type: "json" } });
    ajv.addSchema(schema);
    ids.push(schema.$id);
  }
  const validate = (name, value) => ajv.getSchema(ids[schemaNames.indexOf(name)])(value);
  const validateResponse = ajv.getSchema(ids[0]);
  report[draft] = {
    ids,
    examplesChecked: Object.keys(examples).length,
    examplesFailing: Object.keys(examples).filter((name) => !validate(name, examples[name])),
    broken: validateResponse(broken),
    errors: validateResponse.errors.map(({ instancePath, keyword }) => ({ instancePath, keyword })),
  };
}
report.packageValidator = [validateSyncResponse(examples.SyncResponse), validateSyncResponse(broken)];

try {
  examples.SyncResponse.rooms.joined["!726s6s6q:example.com"].timeline.limited = "yes";
  report.changedExample = "no error";
} catch (error) {
  report.changedExample = error.constructor.name;
}
report.exampleAfter = examples.SyncResponse.rooms.joined["!726s6s6q:example.com"].timeline.limited;

console.log(JSON.stringify(report));
