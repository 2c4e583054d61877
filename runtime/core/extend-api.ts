/** Fields of an OpenAPI Schema Object: description, example, title, format … */
export type OpenApiSchemaMetadata = Record<string, unknown>

interface WithMeta {
  meta(metadata: OpenApiSchemaMetadata): unknown
}

/**
 * PURISTA's `extendApi`: attaches OpenAPI metadata to a schema and changes nothing about validation.
 *
 * The metadata goes through the schema library's own `.meta()` (zod 4), so its JSON Schema
 * conversion writes it into /api/openapi.json wherever the schema is nested. A schema without
 * `.meta()` comes back unchanged: it validates the same, it just carries no documentation.
 * Use the returned schema, as with PURISTA: zod keeps the metadata on a copy.
 */
export function extendApi<S extends object>(schema: S, metadata: OpenApiSchemaMetadata | OpenApiSchemaMetadata[] = {}): S {
  const merged: OpenApiSchemaMetadata = Array.isArray(metadata) ? Object.assign({}, ...metadata) : metadata
  const meta = (schema as Partial<WithMeta>).meta
  return typeof meta === 'function' ? (meta.call(schema, merged) as S) : schema
}
