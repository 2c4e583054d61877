/*
 * What `zod` resolves to inside a function whose code uses only zod-lite's part of zod (see
 * schemas.ts). `z` is the module namespace of the schemas rather than an object listing them, so
 * a bundle keeps only the schema kinds its code names (`z.object`, `z.string`), not every one.
 * `import { z }`, `import z` and `import * as z` from 'zod' all reach the same names.
 */
import * as z from './schemas.ts'

export * from './schemas.ts'
export { z }
export default z
