import { Agent, request } from 'node:http'
import { BODY } from '../http/work.ts'

/*
 * BENCH_CALLS sequential POST /api/v1/users to the server on BENCH_PORT over one keep-alive
 * connection, each answer read before the next request: a fixed amount of work for the server
 * whose instructions are counted (instructions.ts). Prints {} when done.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 1 })
const post = () =>
  new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: Number(process.env.BENCH_PORT), path: '/api/v1/users', method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode!))
    })
    req.on('error', reject)
    req.end(BODY)
  })
for (let i = 0; i < Number(process.env.BENCH_CALLS); i++) {
  const status = await post()
  if (status !== 200) throw new Error(`the server answered ${status}`)
}
agent.destroy()
console.log('{}')
