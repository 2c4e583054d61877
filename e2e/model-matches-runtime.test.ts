import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { analyze, listSourceFiles } from '../compiler/analyze/analyze.ts'
import { loadConfig } from '../compiler/config/load-config.ts'
import type { AppModel } from '../compiler/model/app-model.ts'
import { DefaultEventBridge, ServiceBuilder, collectRoutes, createLogger, type Service } from '../runtime/index.ts'
import { REPO } from './helpers.ts'

const FIXTURES = ['fixtures/user-email', 'fixtures/shop']

/** What an app consists of, in a form both the model and a running app can be reduced to. */
function fromModel(model: AppModel) {
  return model.services.flatMap((s) => [
    ...s.commands.map((c) => ({
      id: `${s.serviceName}/${s.serviceVersion}/${c.name}`,
      route: c.http ? `${c.http.method} ${c.http.path}` : null,
      query: c.http?.queryParameters.map((q) => `${q.name}${q.required ? '' : '?'}`) ?? [],
      emits: [c.successEvent, ...c.emits].filter(Boolean),
      invokes: c.invokes.map((i) => `${i.serviceName}/${i.serviceVersion}/${i.command}`),
    })),
    ...s.subscriptions.map((sub) => ({
      id: `${s.serviceName}/${s.serviceVersion}/${sub.name}`,
      on: sub.event,
      durable: sub.durable,
      everyInstance: sub.everyInstance,
      emits: [sub.outputEvent, ...sub.emits].filter(Boolean),
      invokes: sub.invokes.map((i) => `${i.serviceName}/${i.serviceVersion}/${i.command}`),
    })),
  ])
}

function fromRuntime(services: Service[], bridge: DefaultEventBridge) {
  const routes = new Map(collectRoutes(services).map((r) => [`${r.service.serviceName}/${r.service.serviceVersion}/${r.command.commandName}`, r]))
  const registry = bridge.registry()
  const key = (a: { serviceName: string; serviceVersion: string; serviceTarget: string }) => `${a.serviceName}/${a.serviceVersion}/${a.serviceTarget}`
  const commands = registry.commands.map((address) => {
    const id = key(address)
    const definition = services.find((s) => s.info.serviceName === address.serviceName)!.commandDefinitions.find((c) => c.commandName === address.serviceTarget)!
    const route = routes.get(id)
    return {
      id,
      route: route ? `${route.method} ${route.path}` : null,
      query: definition.http?.queryParameters.map((q) => `${q.name}${q.required ? '' : '?'}`).sort() ?? [],
      emits: [definition.successEventName, ...definition.emits.map((e) => e.eventName).sort()].filter(Boolean),
      invokes: definition.invokes.map(key).sort(),
    }
  })
  const subscriptions = registry.subscriptions.map((registration) => {
    const definition = services.find((s) => s.info.serviceName === registration.address.serviceName)!.subscriptionDefinitions.find((d) => d.subscriptionName === registration.address.serviceTarget)!
    return {
      id: key(registration.address),
      on: registration.eventName,
      durable: registration.durable,
      everyInstance: registration.everyInstance,
      emits: [definition.outputEventName, ...definition.emits.map((e) => e.eventName).sort()].filter(Boolean),
      invokes: definition.invokes.map(key).sort(),
    }
  })
  return [...commands, ...subscriptions]
}

const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id))

describe.each(FIXTURES)('%s: the static AppModel equals what the running app registers', (fixture) => {
  test('same services, commands, routes, subscriptions, events and invocations', async () => {
    const { config } = loadConfig(join(REPO, fixture, 'purista.config.ts'))
    const { model, diagnostics } = analyze(config!)
    expect(diagnostics).toEqual([])

    // Independent of the model: load every source file and keep whatever ServiceBuilders exist.
    const builders = new Set<ServiceBuilder>()
    for (const file of listSourceFiles(config!.srcDir)) {
      if (file.endsWith('main.ts')) continue // starts the app by hand
      for (const value of Object.values(await import(file))) if (value instanceof ServiceBuilder) builders.add(value)
    }
    const bridge = new DefaultEventBridge({ logger: createLogger({ sink: () => {} }) })
    await bridge.start()
    const services = [...builders].map((b) => b.getInstance(bridge, { logger: createLogger({ sink: () => {} }) }))
    for (const service of services) await service.start()

    expect(byId(fromModel(model))).toEqual(byId(fromRuntime(services, bridge)))
    expect(model.services.map((s) => `${s.serviceName}/${s.serviceVersion}`).sort()).toEqual(services.map((s) => `${s.info.serviceName}/${s.info.serviceVersion}`).sort())
    await bridge.destroy()
  })
})
