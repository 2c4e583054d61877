import { join } from 'node:path'
import { PACKAGE_ROOT } from '../../compiler/bundle/bundle.ts'
import type { CommandModel, ServiceModel, SubscriptionModel } from '../../compiler/model/app-model.ts'
import type { AppOptions } from '../../runtime/app/start-app.ts'
import type { FunctionWiring } from './wiring.ts'

export interface FunctionEntrySpec {
  service: ServiceModel
  definition: CommandModel | SubscriptionModel
  kind: 'command' | 'subscription'
  wired: FunctionWiring
  projectRoot: string
  options: AppOptions
}

const quote = (text: string) => JSON.stringify(text)
const runtimeFile = (file: string) => quote(join(PACKAGE_ROOT, file))

/**
 * The source of one function's entry. It imports the service builder and this one definition,
 * not the whole service, so the bundle holds only the code the function reaches; and only the
 * AWS clients the function needs (a function that emits nothing never loads EventBridge's).
 */
export function functionEntrySource(spec: FunctionEntrySpec): string {
  const { service, definition, kind, wired, projectRoot } = spec
  const fromProject = (file: string) => quote(join(projectRoot, file))
  // Both exported: import just them. Otherwise the service (with every definition) and pick by name.
  const slim = service.builder.export && definition.source.export
  const lines = [`import { ${kind}Function as run } from ${runtimeFile(`targets/lambda/runtime/${kind}-function.ts`)}`]
  if (wired.emits) lines.push(`import { EventPublisher } from ${runtimeFile('targets/lambda/runtime/publisher.ts')}`)
  if (wired.invokes.length) lines.push(`import { LambdaInvoker } from ${runtimeFile('targets/lambda/runtime/invoker.ts')}`)
  if (wired.usesState) lines.push(`import { DynamoStateStore } from ${runtimeFile('runtime/stores/dynamodb.ts')}`)
  if (slim) {
    lines.push(`import { ${service.builder.export} as service } from ${fromProject(service.builder.file)}`)
    lines.push(`import { ${definition.source.export} as definition } from ${fromProject(definition.source.file)}`)
  } else {
    const list = kind === 'command' ? 'getCommandDefinitions' : 'getSubscriptionDefinitions'
    const key = kind === 'command' ? 'commandName' : 'subscriptionName'
    lines.push(`import { ${service.entry.export} as service } from ${fromProject(service.entry.file)}`)
    lines.push(`const definition = service.${list}().find((d) => d.${key} === ${quote(definition.name)})`)
  }
  const parts = [
    wired.emits && 'publisher: new EventPublisher()',
    wired.invokes.length && 'invoker: new LambdaInvoker()',
    wired.usesState && 'stateStore: (service) => new DynamoStateStore({ service })',
  ].filter(Boolean)
  lines.push(
    `const options = ${JSON.stringify(spec.options)}`,
    `export const handler = run(service, definition, options, { ${parts.join(', ')} })`,
  )
  return lines.join('\n') + '\n'
}
