// One Function App in its own process, as `purista start --target azure` runs it: loads the app the
// way the Azure Functions Node worker does (package.json `main`, with @azure/functions-core on
// NODE_PATH, see worker-modules/), reports the functions it registered with their bindings, then
// runs the invocations its parent sends over IPC through the library's own invocation model.
// Usage: NODE_PATH=<worker-modules> node function-app-host.mjs <app folder>
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const appDir = resolve(process.argv[2])

const errorOf = (error) => ({ name: error?.name ?? 'Error', message: error?.message ?? String(error), stack: String(error?.stack ?? '') })

/** The files package.json's `main` names: a path, or a glob with * in its last segment (what the v4 model documents). */
function mainFiles() {
  const { main } = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8'))
  if (!main) throw new Error(`${join(appDir, 'package.json')} has no "main"`)
  if (!main.includes('*')) return [join(appDir, main)]
  const dir = join(appDir, dirname(main))
  const pattern = new RegExp(`^${main.slice(dirname(main).length + 1).split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`)
  return readdirSync(dir).filter((name) => pattern.test(name)).sort().map((name) => join(dir, name))
}

let core
try {
  // The same module instance the bundles' require('@azure/functions-core') gets, found on NODE_PATH.
  core = createRequire(join(appDir, 'package.json'))('@azure/functions-core')
  for (const file of mainFiles()) await import(pathToFileURL(file).href)
} catch (error) {
  process.send({ type: 'init-error', error: errorOf(error) }, () => process.exit(1))
}

/** What the worker does per invocation: the library's invocation model reads the inputs, runs the callback, converts the result. */
async function invoke({ functionName, inputData, triggerMetadata, retryContext }) {
  const fn = core.registeredFunctions().find((f) => f.metadata.name === functionName)
  if (!fn) throw new Error(`no function "${functionName}" in ${appDir}`)
  const invocationId = randomUUID()
  const coreCtx = {
    invocationId,
    metadata: fn.metadata,
    request: { invocationId, functionId: functionName, inputData, triggerMetadata, retryContext, traceContext: { attributes: {} } },
    state: undefined,
    log: (level, category, message) => category === 'system' && (level === 'error' || level === 'critical') && process.stderr.write(`${message}\n`),
  }
  const model = core.programmingModel().getInvocationModel(coreCtx)
  const { context, inputs } = await model.getArguments()
  const result = await model.invokeFunction(context, inputs, fn.callback)
  return model.getResponse(context, result)
}

if (core && core.programmingModel()) {
  process.on('message', async ({ id, invocation }) => {
    try {
      process.send({ type: 'result', id, response: await invoke(invocation) })
    } catch (error) {
      process.send({ type: 'error', id, error: errorOf(error) })
    }
  })
  process.on('disconnect', () => process.exit(0))
  // The metadata as the host receives it: plain data.
  process.send({ type: 'ready', functions: core.registeredFunctions().map((f) => structuredClone(f.metadata)) })
} else if (core) {
  process.send({ type: 'init-error', error: errorOf(new Error(`${appDir} registered no functions with @azure/functions`)) }, () => process.exit(1))
}
