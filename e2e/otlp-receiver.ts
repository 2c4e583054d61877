import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A span as an OTLP/HTTP JSON export carries it, with the service.name of its resource. */
export interface ReceivedSpan {
  service: string
  traceId: string
  spanId: string
  parentSpanId?: string
  name: string
  /** OTLP's SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number
  attributes: Record<string, unknown>
  status: { code?: number; message?: string }
  events: { name: string }[]
}

export const SPAN_KIND = { server: 2, client: 3, producer: 4, consumer: 5 } as const

interface OtlpValue {
  stringValue?: string
  intValue?: string | number
  boolValue?: boolean
  doubleValue?: number
}
type OtlpAttributes = { key: string; value: OtlpValue }[] | undefined

const valueOf = (v: OtlpValue) => v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : (v.boolValue ?? v.doubleValue))
const attributesOf = (list: OtlpAttributes) => Object.fromEntries((list ?? []).map((a) => [a.key, valueOf(a.value)]))

/**
 * The collector in the tests: a node:http server that records every POST /v1/traces (OTLP/HTTP
 * JSON, what @opentelemetry/exporter-trace-otlp-http sends) and answers as a collector does.
 */
export async function startOtlpReceiver() {
  const spans: ReceivedSpan[] = []
  let exports = 0
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') return res.writeHead(404).end()
      exports++
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name'])
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const s of scope.spans ?? []) {
            spans.push({ service, traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId || undefined, name: s.name, kind: s.kind, attributes: attributesOf(s.attributes), status: s.status ?? {}, events: s.events ?? [] })
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    endpoint,
    spans,
    exports: () => exports,
    /**
     * The spans of one trace, once it has every span named, a name listed twice twice (a client and
     * its server span share one): they come from several processes, in any order.
     */
    async trace(traceId: string, names: string[], timeoutMs = 15_000): Promise<ReceivedSpan[]> {
      const until = Date.now() + timeoutMs
      const count = (list: string[], name: string) => list.filter((n) => n === name).length
      for (;;) {
        const found = spans.filter((s) => s.traceId === traceId)
        const foundNames = found.map((s) => s.name)
        if (names.every((name) => count(foundNames, name) >= count(names, name))) return found
        if (Date.now() > until) throw new Error(`trace ${traceId} lacks some of ${JSON.stringify(names)}: it has ${JSON.stringify(found.map((s) => `${s.service}: ${s.name}`))}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
