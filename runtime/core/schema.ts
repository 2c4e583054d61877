import { HandledError, StatusCode, UnhandledError } from './errors.ts'

/** The Standard Schema v1 interface (standardschema.dev): zod, valibot, arktype … all implement it. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1
    readonly vendor: string
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>
    readonly types?: { readonly input: Input; readonly output: Output } | undefined
  }
}

type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardIssue> }

export interface StandardIssue {
  readonly message: string
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined
}

export type InferInput<S> = S extends StandardSchemaV1<infer I, any> ? I : unknown
export type InferOutput<S> = S extends StandardSchemaV1<any, infer O> ? O : unknown

/** One issue as it is reported to a client: a dotted path and a message. */
export interface ValidationIssue {
  path: string
  message: string
}

export const toIssue = (issue: StandardIssue): ValidationIssue => ({
  path: (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.'),
  message: issue.message,
})

/**
 * Validates `value` and returns the parsed output, or throws the given status with the issues.
 * The result of a synchronous schema is used without awaiting: most calls stay off the microtask queue.
 */
export function validate<T>(
  schema: StandardSchemaV1<unknown, T>,
  value: unknown,
  what: string,
  status: StatusCode,
): T | Promise<T> {
  const result = schema['~standard'].validate(value)
  if (result instanceof Promise) return result.then((r) => unwrap(r, what, status))
  return unwrap(result, what, status)
}

function unwrap<T>(result: StandardResult<T>, what: string, status: StatusCode): T {
  if (result.issues) {
    const data = { issues: result.issues.map(toIssue) }
    // A bad request is the caller's fault and is reported to it; anything else is ours and stays in the logs.
    throw status === StatusCode.BadRequest
      ? new HandledError(status, `invalid ${what}`, data)
      : new UnhandledError(status, `invalid ${what}`, data)
  }
  return result.value
}
