import { RequestError } from './problem.ts'

// How a command's HTTP body and answer look on the wire, as its exposeAsHttpEndpoint declared them.

const JSON_TYPE = /^application\/([\w.+-]*\+)?json\b/i
const FORM_TYPE = 'application/x-www-form-urlencoded'

/** Whether a declared or sent media type is JSON (application/json, application/problem+json …). */
export const isJsonType = (contentType: string) => JSON_TYPE.test(contentType)

/** The media type of a content-type header, without its parameters (charset …), lowercased. */
const mediaType = (header: string | undefined) => (header ?? '').split(';', 1)[0]!.trim().toLowerCase()

/**
 * A non-empty request body as the command's payload, read as the endpoint declared: JSON parsed,
 * form fields as an object of strings, any other type as its UTF-8 text. A body sent as another
 * type than the declared one is refused with 415, one that does not parse with 400.
 */
export function decodeBody(body: Buffer, contentTypeHeader: string | undefined, declared: string): unknown {
  if (isJsonType(declared)) {
    if (!isJsonType(contentTypeHeader ?? '')) throw unsupported(declared, contentTypeHeader)
    try {
      return JSON.parse(body.toString('utf8'))
    } catch {
      throw new RequestError(400, 'request body is not valid JSON')
    }
  }
  const sent = mediaType(contentTypeHeader)
  if (sent !== mediaType(declared)) throw unsupported(declared, contentTypeHeader)
  if (sent === FORM_TYPE) return Object.fromEntries(new URLSearchParams(body.toString('utf8')))
  return body.toString('utf8')
}

const unsupported = (declared: string, sent: string | undefined) => new RequestError(415, `expected a body of content-type ${declared}, got "${sent || 'none'}"`)

/** An answer's body and content-type header: JSON serialized, any other declared type as the output's text. */
export function encodeAnswer(output: unknown, declared: string): { contentType: string; body: string } {
  if (isJsonType(declared)) return { contentType: 'application/json', body: JSON.stringify(output) }
  return { contentType: declared.includes(';') ? declared : `${declared}; charset=utf-8`, body: typeof output === 'string' ? output : String(output) }
}
