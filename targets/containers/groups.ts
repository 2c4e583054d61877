import type { ResolvedConfig } from '../../compiler/config/load-config.ts'
import type { Diagnostic } from '../../compiler/diagnostics.ts'
import type { AppModel, ServiceModel } from '../../compiler/model/app-model.ts'

export interface ContainerGroup {
  /** Container, image and compose service name: lowercase letters, digits and -. */
  name: string
  services: ServiceModel[]
}

const containerName = (s: ServiceModel) => `${s.serviceName}-v${s.serviceVersion}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-')

/** Services listed together in the config share a container; every other service gets its own. */
export function containerGroups(model: AppModel, config: ResolvedConfig): ContainerGroup[] {
  const listed = config.targets.containers.containers
  const taken = new Set(Object.values(listed).flat())
  const groups: ContainerGroup[] = Object.entries(listed).map(([name, names]) => ({
    name,
    services: model.services.filter((s) => names.includes(s.serviceName) || names.includes(`${s.serviceName}@${s.serviceVersion}`)),
  }))
  for (const service of model.services) {
    if (!taken.has(service.serviceName) && !taken.has(`${service.serviceName}@${service.serviceVersion}`)) groups.push({ name: containerName(service), services: [service] })
  }
  return groups.sort((a, b) => a.name.localeCompare(b.name))
}

/** Container lists that name unknown services, name one twice, or collide with the gateway. */
export function checkGroups(model: AppModel, config: ResolvedConfig): Diagnostic[] {
  const at = { file: 'purista.config.ts', line: 1, column: 1 }
  const diagnostics: Diagnostic[] = []
  const known = new Set(model.services.flatMap((s) => [s.serviceName, `${s.serviceName}@${s.serviceVersion}`]))
  const seen = new Map<string, string>()
  for (const [container, names] of Object.entries(config.targets.containers.containers)) {
    if (container === 'gateway') diagnostics.push({ severity: 'error', code: 'invalid-config', message: 'the container name "gateway" is reserved for the HTTP gateway', hint: 'choose another name', ...at })
    for (const name of names) {
      if (!known.has(name)) diagnostics.push({ severity: 'error', code: 'invalid-config', message: `containers.${container} names "${name}", which is no service`, hint: `services: ${model.services.map((s) => s.serviceName).join(', ')}`, ...at })
      const other = seen.get(name)
      if (other) diagnostics.push({ severity: 'error', code: 'invalid-config', message: `"${name}" is placed in two containers: ${other} and ${container}`, hint: 'a service runs in one container', ...at })
      seen.set(name, container)
    }
  }
  return diagnostics
}
