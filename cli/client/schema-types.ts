import { compile, type JSONSchema } from 'json-schema-to-typescript'

/**
 * The TypeScript declaration of a JSON Schema under the given name (and of any titled part of it).
 *
 * - The root's title is replaced by the name: the converter would otherwise name the type after
 *   the title, and the client refers to it by the name.
 * - An object that does not say whether it allows other properties does not: that is how zod
 *   writes z.object, which strips unknown keys, so an extra property is a typo worth a compile error.
 */
export function declareSchemaType(name: string, schema: object): Promise<string> {
  return compile({ ...schema, title: name } as JSONSchema, name, {
    bannerComment: '',
    additionalProperties: false,
    style: { semi: false, singleQuote: true, printWidth: 120 },
  })
}
