import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/*
 * The collector the traced runs export to, in a process of its own as a collector is: it takes
 * OTLP/HTTP JSON on POST /v1/traces, answers as a collector does, and counts the spans (GET /count)
 * so the suite can check they arrived. It counts the "spanId" keys instead of parsing the export:
 * its CPU is spent on the same two cores as the server measured.
 */
let spans = 0
let exports = 0
const server = createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    if (req.method === 'GET' && req.url === '/count') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ spans, exports }))
    if (req.method !== 'POST' || req.url !== '/v1/traces') return res.writeHead(404).end()
    exports++
    spans += Buffer.concat(chunks).toString('utf8').split('"spanId"').length - 1
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
  })
})
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ msg: 'listening', port: (server.address() as AddressInfo).port })))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
