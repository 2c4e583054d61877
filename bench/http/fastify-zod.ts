import Fastify from 'fastify'
import { inputSchema, outputSchema, register } from './work.ts'

const app = Fastify({ logger: false })
app.post('/api/v1/users', async (request, reply) => {
  const input = inputSchema.safeParse(request.body)
  if (!input.success) return reply.code(400).type('application/problem+json').send({ status: 400, issues: input.error.issues })
  return outputSchema.parse(register(input.data))
})
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' })
console.log(JSON.stringify({ msg: 'listening', port: (app.server.address() as { port: number }).port }))
process.on('SIGTERM', () => app.close().then(() => process.exit(0)))
