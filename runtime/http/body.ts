import { RequestError } from './problem.ts'

// How a command's HTTP body and answer look on the wire, as its exposeAsHttpEndpoint declared them.
// Every target reads bodies through here, so each answers a body the same way.

/** application/json or a structured +json type (application/problem+json …), nothing after it but parameters. */
const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i
/** A charset parameter other than UTF-8: purista reads bodies as UTF-8 only. */
const OTHER_CHARSET = /;\s*charset\s*=\s*(?!"?utf-?8"?\s*(;|$))/i
const FORM_TYPE = 'application/x-www-form-urlencoded'

/**
 * Whether a declared or sent media type is JSON (application/json, application/problem+json …).
 * The plain type, which nearly every client sends, is one string comparison instead of a regular expression.
 */
export const isJsonType = (contentType: string) => contentType === 'application/json' || JSON_TYPE.test(contentType)

/** The media type of a content-type header, without its parameters (charset …), lowercased. */
const mediaType = (header: string | undefined) => (header ?? '').split(';', 1)[0]!.trim().toLowerCase()

/**
 * A body purista cannot read as it came: compressed (Content-Encoding other than identity) is
 * refused before it is read, rather than parsed as if it were the plain text.
 */
export function refuseEncodedBody(contentEncoding: string | undefined): void {
  if (contentEncoding !== undefined && contentEncoding !== '' && contentEncoding.trim().toLowerCase() !== 'identity') {
    throw new RequestError(415, `content-encoding "${contentEncoding}" is not supported; send the body uncompressed`)
  }
}

/**
 * A non-empty request body as the command's payload, read as the endpoint declared: JSON parsed,
 * form fields as an object of strings, any other type as its UTF-8 text. A body sent as another
 * type than the declared one, or in another charset than UTF-8, is refused with 415; one that does
 * not parse with 400. A leading UTF-8 byte order mark is dropped: some clients write one.
 */
export function decodeBody(body: Buffer, contentTypeHeader: string | undefined, declared: string): unknown {
  // Header comparisons only: a well-formed JSON request costs one regular expression test more.
  if (contentTypeHeader?.includes(';') && OTHER_CHARSET.test(contentTypeHeader)) throw new RequestError(415, `only UTF-8 bodies are accepted, got "${contentTypeHeader}"`)
  const text = (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? body.subarray(3) : body).toString('utf8')
  if (isJsonType(declared)) {
    if (!isJsonType(contentTypeHeader ?? '')) throw unsupported(declared, contentTypeHeader)
    try {
      return JSON.parse(text)
    } catch {
      throw new RequestError(400, 'request body is not valid JSON')
    }
  }
  const sent = mediaType(contentTypeHeader)
  if (sent !== mediaType(declared)) throw unsupported(declared, contentTypeHeader)
  if (sent === FORM_TYPE) return Object.fromEntries(new URLSearchParams(text))
  return text
}

const unsupported = (declared: string, sent: string | undefined) => new RequestError(415, `expected a body of content-type ${declared}, got "${sent || 'none'}"`)

/** An answer's body and content-type header: JSON serialized, any other declared type as the output's text. */
export function encodeAnswer(output: unknown, declared: string): { contentType: string; body: string } {
  if (isJsonType(declared)) return { contentType: 'application/json', body: JSON.stringify(output) }
  return { contentType: declared.includes(';') ? declared : `${declared}; charset=utf-8`, body: typeof output === 'string' ? output : String(output) }
}
