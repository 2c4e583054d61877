import moleculer from 'moleculer'
import { measureSequential } from './measure.ts'

// Moleculer's local call with its built-in validator (fastest-validator) checking the params.
const broker = new moleculer.ServiceBroker({ logger: false, validator: true, metrics: false, tracing: false })
broker.createService({
  name: 'math',
  actions: {
    add: {
      params: { a: 'number', b: 'number' },
      handler(ctx: { params: { a: number; b: number } }) {
        return { sum: ctx.params.a + ctx.params.b }
      },
    },
  },
})
await broker.start()
await measureSequential((i) => broker.call('math.add', { a: i, b: 1 }))
await broker.stop()
