import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Writes an app laid out the PURISTA way: a builder per service, one file per command, the
 * definitions collected per service. Ten commands per service, names held in an as-const object.
 * Subscriptions, if asked for, go round the services and listen to the success events of commands.
 */
export function generateApp(dir: string, commandCount: number, subscriptionCount = 0) {
  rmSync(dir, { recursive: true, force: true })
  const services = Math.max(1, Math.ceil(commandCount / 10))
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  write('purista.config.ts', `import { defineConfig } from 'purista/config'\nexport default defineConfig({ name: 'generated', src: 'src' })\n`)
  let made = 0
  for (let s = 0; s < services; s++) {
    const name = `Service${s}`
    const base = `src/service/${name.toLowerCase()}/v1`
    write(`${base}/names.ts`, `export const Names = { service: '${name}', version: '1' } as const\n`)
    write(`${base}/builder.ts`, `import { ServiceBuilder } from 'purista'\nimport { Names } from './names.js'\nexport const builder = new ServiceBuilder({ serviceName: Names.service, serviceVersion: Names.version, serviceDescription: 'generated' })\n`)
    const commands: string[] = []
    for (let c = 0; c < 10 && made < commandCount; c++, made++) {
      const command = `command${c}`
      commands.push(command)
      const invoke = s > 0 ? `\n  .canInvoke('Service${s - 1}', '1', 'command${c}')` : ''
      write(
        `${base}/command/${command}.ts`,
        `import { z } from 'zod'\nimport { builder } from '../builder.js'\nexport const ${command} = builder\n  .getCommandBuilder('${command}', 'generated command')\n  .addPayloadSchema(z.object({ value: z.number() }))\n  .addOutputSchema(z.object({ value: z.number() }))\n  .exposeAsHttpEndpoint('POST', 's${s}/c${c}/:id')\n  .setSuccessEventName('s${s}c${c}Done')${invoke}\n  .setCommandFunction(async (_context, payload) => payload)\n`,
      )
    }
    write(`${base}/definitions.ts`, commands.map((c) => `import { ${c} } from './command/${c}.js'`).join('\n') + `\nexport const definitions = [${commands.map((c) => `${c}.getDefinition()`).join(', ')}]\n`)
    const subscriptions: string[] = []
    for (let j = s; j < subscriptionCount; j += services) {
      const subscription = `subscription${j}`
      subscriptions.push(subscription)
      const event = `s${j % services}c${j % 10}Done`
      write(
        `${base}/subscription/${subscription}.ts`,
        `import { z } from 'zod'\nimport { builder } from '../builder.js'\nexport const ${subscription} = builder\n  .getSubscriptionBuilder('${subscription}', 'generated subscription')\n  .subscribeToEvent('${event}')\n  .addPayloadSchema(z.object({ value: z.number() }))\n  .setSubscriptionFunction(async (context, payload) => context.logger.info('seen', payload))\n`,
      )
    }
    const imports = subscriptions.map((d) => `import { ${d} } from './subscription/${d}.js'\n`).join('')
    const adds = subscriptions.length ? `.addSubscriptionDefinition(${subscriptions.map((d) => `${d}.getDefinition()`).join(', ')})` : ''
    write(`${base}/service.ts`, `import { builder } from './builder.js'\nimport { definitions } from './definitions.js'\n${imports}export const service${s} = builder.addCommandDefinition(...definitions)${adds}\n`)
  }
}
