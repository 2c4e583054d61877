// One Lambda function in its own process, as `purista start --target lambda` runs it: loads the
// handler once (the init phase), then runs the events its parent sends over IPC, one answer each.
// Usage: node --import ./register-hook.mjs function-host.mjs <code folder> <handler, e.g. index.handler>
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const [codeDir, handlerSpec] = process.argv.slice(2)
const dot = handlerSpec.lastIndexOf('.')
const [moduleName, exportName] = [handlerSpec.slice(0, dot), handlerSpec.slice(dot + 1)]

const errorOf = (error) => ({
  errorType: error?.name ?? 'Error',
  errorMessage: error?.message ?? String(error),
  trace: String(error?.stack ?? '').split('\n'),
})

let handler
try {
  // Lambda's Node runtime looks for the module with these extensions, in this order.
  const file = ['.mjs', '.js', '.cjs'].map((ext) => join(codeDir, moduleName + ext)).find(existsSync)
  if (!file) throw new Error(`no ${moduleName}.mjs, .js or .cjs in ${codeDir}`)
  handler = (await import(pathToFileURL(file).href))[exportName]
  if (typeof handler !== 'function') throw new Error(`${file} does not export a function "${exportName}"`)
} catch (error) {
  process.send({ type: 'init-error', error: errorOf(error) }, () => process.exit(1))
}

if (handler) {
  process.on('message', async ({ id, event, context }) => {
    try {
      const result = await handler(event, { ...context, getRemainingTimeInMillis: () => context.deadline - Date.now() })
      process.send({ type: 'result', id, result: result === undefined ? null : result })
    } catch (error) {
      process.send({ type: 'error', id, error: errorOf(error) })
    }
  })
  process.on('disconnect', () => process.exit(0))
  process.send({ type: 'ready' })
}
