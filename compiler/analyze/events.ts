import type { EventModel, ServiceModel } from '../model/app-model.ts'

/** Who emits and who consumes each event, derived from the services. */
export function collectEvents(services: ServiceModel[]): EventModel[] {
  const events = new Map<string, EventModel>()
  const event = (name: string) => {
    let found = events.get(name)
    if (!found) events.set(name, (found = { name, producers: [], consumers: [] }))
    return found
  }
  for (const s of services) {
    const who = (target: string) => ({ serviceName: s.serviceName, serviceVersion: s.serviceVersion, target })
    for (const c of s.commands) {
      if (c.successEvent) event(c.successEvent).producers.push({ ...who(c.name), kind: 'success' })
      for (const e of c.emits) event(e).producers.push({ ...who(c.name), kind: 'custom' })
    }
    for (const sub of s.subscriptions) {
      if (sub.outputEvent) event(sub.outputEvent).producers.push({ ...who(sub.name), kind: 'output' })
      for (const e of sub.emits) event(e).producers.push({ ...who(sub.name), kind: 'custom' })
      if (sub.event) event(sub.event).consumers.push(who(sub.name))
    }
  }
  const key = (p: { serviceName: string; serviceVersion: string; target: string }) => `${p.serviceName}/${p.serviceVersion}/${p.target}`
  return [...events.values()]
    .map((e) => ({ ...e, producers: e.producers.sort((a, b) => key(a).localeCompare(key(b))), consumers: e.consumers.sort((a, b) => key(a).localeCompare(key(b))) }))
    .sort((a, b) => a.name.localeCompare(b.name))
}
