// swagger2openapi ships no types; this declares the one call the pipeline makes.
declare module "swagger2openapi" {
  interface ConvertOptions {
    patch?: boolean;
    warnOnly?: boolean;
    source?: string;
  }
  const swagger2openapi: {
    convertObj(swagger: object, options: ConvertOptions): Promise<{ openapi: Record<string, any> }>;
  };
  export default swagger2openapi;
}
