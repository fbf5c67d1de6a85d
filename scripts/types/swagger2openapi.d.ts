// swagger2openapi ships no types; this declares the one call the pipeline makes. Its output is unchecked
// until stage 3 validates it, so it is typed as an object of unknown values.
declare module "swagger2openapi" {
  interface ConvertOptions {
    patch?: boolean;
    warnOnly?: boolean;
    source?: string;
  }
  const swagger2openapi: {
    convertObj(swagger: object, options: ConvertOptions): Promise<{ openapi: Record<string, unknown> }>;
  };
  export default swagger2openapi;
}
