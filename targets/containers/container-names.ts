import { basename } from 'node:path'
import type { ResolvedConfig } from '../../compiler/config/load-config.ts'
import type { Diagnostic } from '../../compiler/diagnostics.ts'
import type { AppModel } from '../../compiler/model/app-model.ts'
import { checkDerivedNames, type DerivedName } from '../shared/derived-names.ts'
import { containerGroups } from './groups.ts'

/** Each container is a Kubernetes Deployment and Service of its name: DNS-1035 labels. */
const KUBERNETES_NAME = { kind: 'Kubernetes object name', pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/, allowed: 'lowercase letters, digits and -, starting with a letter and ending with a letter or digit', maxLength: 63 }
/** The last part of a Docker image name (`<imagePrefix><app>-<container>`). */
const IMAGE_NAME = { kind: 'Docker image name', pattern: /^[a-z0-9]+([._-][a-z0-9]+)*$/, allowed: 'lowercase letters and digits, separated by single . _ or -', maxLength: 128 }

/** Container, image and object names made from the app's and the services' names: valid for Docker and Kubernetes, and distinct. */
export function checkContainerNames(model: AppModel, config: ResolvedConfig): Diagnostic[] {
  const configAt = { file: basename(config.configFile), line: 1, column: 1 }
  const app = model.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')
  const containers: DerivedName[] = containerGroups(model, config).map((group) => {
    const listed = group.name in config.targets.containers.containers
    const [service] = group.services
    return listed || !service
      ? { name: group.name, of: `the container "${group.name}" of purista.config.ts`, at: configAt }
      : { name: group.name, of: `service ${service.serviceName} v${service.serviceVersion}`, at: service.builder }
  })
  const images = [...containers, { name: 'gateway', of: 'the gateway', at: configAt }].map((c) => ({ ...c, name: `${app}-${c.name}`, of: `${c.of} (app "${model.name}")` }))
  return [...checkDerivedNames(containers, KUBERNETES_NAME), ...checkDerivedNames(images, IMAGE_NAME).filter((d) => d.code === 'invalid-name')]
}
