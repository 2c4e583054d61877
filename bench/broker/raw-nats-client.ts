import { connect } from 'nats'
import { measureRoundTrips } from './measure.ts'

const nc = await connect({ servers: 'nats://127.0.0.1:4222' })
const result = await measureRoundTrips(async (i) => JSON.parse(Buffer.from((await nc.request('bench.raw.add', Buffer.from(JSON.stringify({ a: i, b: 1 })), { timeout: 5_000 })).data).toString()))
console.log(JSON.stringify(result))
await nc.drain()
process.exit(0)
