/** HTTP-like status codes; PURISTA users know these names. */
export enum StatusCode {
  OK = 200,
  Created = 201,
  Accepted = 202,
  NoContent = 204,
  BadRequest = 400,
  Unauthorized = 401,
  PaymentRequired = 402,
  Forbidden = 403,
  NotFound = 404,
  MethodNotAllowed = 405,
  NotAcceptable = 406,
  RequestTimeout = 408,
  Conflict = 409,
  Gone = 410,
  PayloadTooLarge = 413,
  UnsupportedMediaType = 415,
  UnprocessableEntity = 422,
  TooManyRequests = 429,
  InternalServerError = 500,
  NotImplemented = 501,
  BadGateway = 502,
  ServiceUnavailable = 503,
  GatewayTimeout = 504,
}

/** The shape an error has on the wire (inside a commandErrorResponse). */
export interface ErrorPayload {
  status: number
  message: string
  data?: unknown
}

/** An expected failure: its status, message and data reach the caller unchanged. */
export class HandledError extends Error {
  // `declare`: set in the constructor, so esbuild need not print the fields as well.
  declare readonly errorCode: StatusCode
  declare readonly data: unknown

  constructor(errorCode: StatusCode, message?: string, data?: unknown, public readonly traceId?: string) {
    super(message ?? defaultMessage(errorCode))
    this.name = 'HandledError'
    this.errorCode = errorCode
    this.data = data
  }

  toJSON(): ErrorPayload {
    return this.data === undefined
      ? { status: this.errorCode, message: this.message }
      : { status: this.errorCode, message: this.message, data: this.data }
  }
}

/** An unexpected failure. Its details stay in the logs; callers see a generic 500. */
export class UnhandledError extends HandledError {
  constructor(errorCode: StatusCode = StatusCode.InternalServerError, message?: string, data?: unknown, traceId?: string) {
    super(errorCode, message ?? defaultMessage(errorCode), data, traceId)
    this.name = 'UnhandledError'
  }

  /** Wraps anything thrown, keeping its message, stack and cause for the logs (PURISTA's helper of the same name). */
  static fromError(error: unknown, errorCode: StatusCode = StatusCode.InternalServerError, data?: unknown, traceId?: string): UnhandledError {
    const wrapped = new UnhandledError(errorCode, error instanceof Error ? error.message : String(error), data, traceId ?? (error instanceof HandledError ? error.traceId : undefined))
    if (error instanceof Error) {
      wrapped.stack = error.stack
      wrapped.cause = error.cause
    }
    return wrapped
  }
}

// Not node:http's STATUS_CODES: importing node:http costs a Lambda ~7 ms of cold start.
export const defaultMessage = (status: number): string => DEFAULT_MESSAGES[status] ?? 'Error'

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}
