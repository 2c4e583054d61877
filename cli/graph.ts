import type { AppModel } from '../compiler/model/app-model.ts'

const id = (...parts: string[]) => parts.join('_').replace(/[^A-Za-z0-9_]/g, '_')
const label = (text: string) => `"${text.replace(/"/g, '#quot;')}"`

/**
 * A Mermaid flowchart of the app: HTTP clients calling commands, commands emitting events,
 * subscriptions consuming them, and who invokes whom.
 */
export function toMermaid(model: AppModel): string {
  const lines = ['flowchart LR']
  const exposed = model.services.some((s) => s.commands.some((c) => c.http))
  if (exposed) lines.push(`  Client([HTTP client])`)
  for (const s of model.services) {
    lines.push(`  subgraph ${id('svc', s.serviceName, s.serviceVersion)}[${label(`${s.serviceName} v${s.serviceVersion}`)}]`)
    for (const c of s.commands) lines.push(`    ${id('cmd', s.serviceName, s.serviceVersion, c.name)}[${label(c.name)}]`)
    for (const sub of s.subscriptions) lines.push(`    ${id('sub', s.serviceName, s.serviceVersion, sub.name)}[/${label(sub.name)}/]`)
    lines.push('  end')
  }
  for (const e of model.events) lines.push(`  ${id('evt', e.name)}{{${label(e.name)}}}`)
  for (const s of model.services) {
    for (const c of s.commands) {
      const node = id('cmd', s.serviceName, s.serviceVersion, c.name)
      if (c.http) lines.push(`  Client -->|${label(`${c.http.method} ${c.http.path}`)}| ${node}`)
      for (const event of [c.successEvent, ...c.emits].filter((e): e is string => !!e)) lines.push(`  ${node} -->|emits| ${id('evt', event)}`)
      for (const i of c.invokes) lines.push(`  ${node} -.->|invokes| ${id('cmd', i.serviceName, i.serviceVersion, i.command)}`)
    }
    for (const sub of s.subscriptions) {
      const node = id('sub', s.serviceName, s.serviceVersion, sub.name)
      if (sub.event) lines.push(`  ${id('evt', sub.event)} -->|subscribes| ${node}`)
      for (const event of [sub.outputEvent, ...sub.emits].filter((e): e is string => !!e)) lines.push(`  ${node} -->|emits| ${id('evt', event)}`)
      for (const i of sub.invokes) lines.push(`  ${node} -.->|invokes| ${id('cmd', i.serviceName, i.serviceVersion, i.command)}`)
    }
  }
  return lines.join('\n') + '\n'
}
