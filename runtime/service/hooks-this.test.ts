import { expect, test } from 'vitest'
import { z } from 'zod'
import { DefaultEventBridge, HandledError, ServiceBuilder, StatusCode } from '../index.ts'
import { createLogger } from '../core/logger.ts'
import { commandHandler } from './command-handler.ts'
import { hookedCommand } from './command-hooks.ts'
import { createCommand } from './context.ts'
import { bindStandalone } from './standalone-this.ts'
import { mapHookFunctions } from './hook-functions.ts'
import { MemoryConfigStore, MemoryStateStore } from '../stores/memory.ts'

// Guards and transforms written with `function` see the service as `this`, as the function does.
const silent = createLogger({ sink: () => {} })
const caller = { serviceName: 'Test', serviceVersion: '1', serviceTarget: 'test' }
const receiver = { serviceName: 'Shouter', serviceVersion: '1', serviceTarget: 'shout' }

function shouter(configSchema: z.ZodType<{ suffix: string; banned: string }, any> = z.object({ suffix: z.string(), banned: z.string() })) {
  const seen: string[] = []
  const builder = new ServiceBuilder({ serviceName: 'Shouter', serviceVersion: '1', serviceDescription: '' }).setConfigSchema(configSchema)
  const shout = builder
    .getCommandBuilder('shout', '')
    .setTransformInput(z.string(), z.object({}), async function (_context, text) {
      seen.push(`transform input: ${this.info.serviceName}`)
      return { payload: { text }, parameter: {} }
    }, 'text/plain')
    .addPayloadSchema(z.object({ text: z.string() }))
    .addOutputSchema(z.object({ text: z.string() }))
    .setBeforeGuardHooks({
      notBanned: async function (_context, payload) {
        // Typed by setConfigSchema's schema, as the function's `this.config` is.
        // @ts-expect-error not a field of the config schema
        void this.config.nope
        if (payload.text === this.config.banned) throw new HandledError(StatusCode.Forbidden, `"${this.config.banned}" is banned`)
        seen.push('before guard')
      },
    })
    .setAfterGuardHooks({
      logged: function (_context, result) {
        seen.push(`after guard: ${result.text} ${this.config.suffix}`)
      },
    })
    .setTransformOutput(z.string(), function (_context, output) {
      return output.text.toUpperCase() + this.config.suffix
    }, 'text/plain')
    .setCommandFunction(async function (_context, payload) {
      return { text: payload.text }
    })
  builder.addCommandDefinition(shout.getDefinition())
  return { builder, shout, seen }
}

const call = (text: string) => createCommand(receiver, caller, text, {}, { traceId: 't' })

test('on a Service (monolith, containers): transforms and guards run with this.config', async () => {
  const { builder, seen } = shouter()
  const bridge = new DefaultEventBridge({ logger: silent })
  const service = builder.getInstance(bridge, { logger: silent, serviceConfig: { suffix: '!', banned: 'psst' } })
  await service.start()
  expect(await bridge.invoke(call('hello'))).toBe('HELLO!')
  expect(seen).toEqual(['transform input: Shouter', 'before guard', 'after guard: hello !'])
  await expect(bridge.invoke(call('psst'))).rejects.toThrow('"psst" is banned')
  await service.stop()
})

const deps = () => ({ bridge: new DefaultEventBridge({ logger: silent }), logger: silent, states: new MemoryStateStore(), configs: new MemoryConfigStore(), secrets: new MemoryConfigStore(), commandTimeoutMs: 1_000 })

test('without a Service (a Lambda or Azure function): the same, bound once by bindStandalone with the hook binder its build hands it', async () => {
  const { builder, shout, seen } = shouter()
  const run = commandHandler(bindStandalone(shout.getDefinition(), builder, silent, { suffix: '?', banned: 'psst' }, mapHookFunctions), receiver, deps(), hookedCommand)
  expect(await run(call('hi'))).toBe('HI?')
  expect(seen).toEqual(['transform input: Shouter', 'before guard', 'after guard: hi ?'])
})

test('a config validated asynchronously is there before the first hook runs, not only before the function', async () => {
  const slowSchema = z.object({ suffix: z.string(), banned: z.string() }).refine(async () => true)
  const { builder, shout } = shouter(slowSchema)
  const run = commandHandler(bindStandalone(shout.getDefinition(), builder, silent, { suffix: '…', banned: 'psst' }, mapHookFunctions), receiver, deps(), hookedCommand)
  expect(await run(call('wait'))).toBe('WAIT…')
  await expect(run(call('psst'))).rejects.toThrow('"psst" is banned')
})
