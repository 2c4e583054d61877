// The practical limit: node:http and zod doing exactly the work, nothing else.
import { createServer } from 'node:http'
import { inputSchema, outputSchema, register } from './work.ts'

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/v1/users') {
    res.statusCode = 404
    return res.end()
  }
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    let body: unknown
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      res.statusCode = 400
      return res.end()
    }
    const input = inputSchema.safeParse(body)
    if (!input.success) {
      res.writeHead(400, { 'content-type': 'application/problem+json' })
      return res.end(JSON.stringify({ status: 400, issues: input.error.issues }))
    }
    const output = outputSchema.parse(register(input.data))
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(output))
  })
})
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ msg: 'listening', port: (server.address() as { port: number }).port }))
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
