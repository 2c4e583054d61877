import type { StandardSchemaV1 } from './schema.ts'

/** What zod's compiled fast paths return for an input they do not accept (zod/v4/core/compile.js). */
export const INVALID: unique symbol = Symbol.for('zod.compile.invalid') as never

/**
 * A schema the build compiled (compiler/compiled-schemas): the user's zod schema, as a Standard
 * Schema that checks a value with zod's own fast path, printed into the bundle at build time. A
 * valid value is answered by that code alone. Any other is handed to zod itself, whose module is
 * loaded the first time one comes (`load`), so the issues are zod's own, word for word, and a
 * function that only ever sees valid input never loads zod.
 */
export function compiledSchema(parse: (value: unknown) => unknown, load: () => Promise<StandardSchemaV1>): StandardSchemaV1 {
  let schema: Promise<StandardSchemaV1> | undefined
  return {
    '~standard': {
      version: 1,
      vendor: 'zod',
      validate(value) {
        const parsed = parse(value)
        if (parsed !== INVALID) return { value: parsed }
        schema ??= load()
        return schema.then((zod) => zod['~standard'].validate(value))
      },
    },
  }
}
