import { join } from 'node:path'

/** A built target running locally. */
export interface LocalRun {
  port: number
  /** What runs, for the start line: functions, routes, the stand-ins. */
  summary: string
  close(): Promise<void>
}

/** How `purista start` runs one target's output: where it is built, and how it starts. */
export interface LocalRunner {
  /** The folder a build leaves under <outDir>/<target> that the run reads (the generated infrastructure). */
  reads: string
  /** The line printed before the (slow) start. */
  starting: string
  start(targetDir: string, port: number, log: (line: string) => void): Promise<LocalRun>
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`

/**
 * The targets `purista start` runs. Each runner is loaded only when its target starts, so the
 * packages one target's stand-ins need are never loaded for the other.
 */
export const LOCAL_RUNNERS: Record<string, LocalRunner> = {
  lambda: {
    reads: 'cdk',
    starting: 'synthesizing',
    async start(targetDir, port, log) {
      const { startLocalLambda } = await import('../targets/lambda/local/start.ts')
      const running = await startLocalLambda({ cdkDir: join(targetDir, 'cdk'), port, log })
      const { functions, routes, rules, tables } = running.app
      return { ...running, summary: `${functions.length} functions (a process each), ${routes.length} routes, ${rules.length} rules${tables.length ? `, ${tables.length} DynamoDB table (local, in memory)` : ''}` }
    },
  },
  azure: {
    reads: 'infra/main.json',
    starting: 'reading',
    async start(targetDir, port, log) {
      const { startLocalAzure } = await import('../targets/azure/local/start.ts')
      const running = await startLocalAzure({ azureDir: targetDir, port, log })
      const functions = running.apps.reduce((sum, app) => sum + app.functions.length, 0)
      const { topics, subscriptions, tables } = running.infrastructure
      const parts = [
        `${plural(running.apps.length, 'Function App')} (a process each), ${plural(functions, 'function')}`,
        topics.length && `a local Service Bus: ${plural(topics.length, 'topic')}, ${plural(subscriptions.length, 'subscription')}`,
        tables.length && `${plural(tables.length, 'table')} on Azurite (in memory)`,
      ]
      return { ...running, summary: parts.filter(Boolean).join(', ') }
    },
  },
}
