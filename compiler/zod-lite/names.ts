/*
 * What the build must know of zod-lite (runtime/zod-lite/zod.ts) without loading it: the names it
 * exports, and the members of zod's classic schemas it does not carry. names.test.ts derives both
 * from zod and from zod-lite themselves, so a new zod release or a change to zod-lite that makes
 * a list wrong fails there.
 */

/** The names of `z` (and of the module): zod-lite's exports. */
export const LITE_EXPORTS: ReadonlySet<string> = new Set([
  'ZodError', '_default', 'any', 'array', 'boolean', 'catch', 'default', 'email', 'enum', 'int', 'literal', 'never', 'null', 'nullable', 'nullish',
  'number', 'object', 'optional', 'string', 'undefined', 'union', 'unknown', 'url', 'uuid', 'z',
])

/**
 * Members of zod classic's schemas (and of its ZodError) that zod-lite's lack. Code that names one,
 * on whatever object, keeps zod: the build cannot tell a schema from another value by its name alone.
 */
export const CLASSIC_ONLY_MEMBERS: ReadonlySet<string> = new Set([
  'abort', 'addIssue', 'addIssues', 'and', 'base64', 'base64url', 'catchall', 'cidrv4', 'cidrv6', 'cuid', 'cuid2', 'date', 'datetime', 'decode', 'decodeAsync',
  'duration', 'e164', 'emoji', 'encode', 'encodeAsync', 'exactOptional', 'exactPartial', 'exclude', 'extend', 'extract', 'finite', 'format', 'guid', 'implement',
  'implementAsync', 'in', 'input', 'ipv4', 'ipv6', 'isEmpty', 'isInt', 'jwt', 'keyType', 'keyof', 'ksuid', 'maxDate', 'maxLength', 'maxValue', 'merge',
  'mime', 'minDate', 'minLength', 'minValue', 'nanoid', 'nonoptional', 'normalize', 'omit', 'out', 'output', 'overwrite', 'partial', 'pick', 'pipe',
  'prefault', 'properties', 'readonly', 'refine', 'required', 'rest', 'safe', 'safeDecode', 'safeDecodeAsync', 'safeEncode', 'safeEncodeAsync',
  'safeExtend', 'size', 'slugify', 'step', 'superRefine', 'time', 'toJSONSchema', 'transform', 'ulid', 'uuidv4', 'uuidv6', 'uuidv7', 'validate',
  'validateAsync', 'valueType', 'xid',
])
