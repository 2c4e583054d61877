import type { Artifact } from '../types.ts'
import { FUNCTIONS_DIR } from './entry.ts'
import type { FunctionAppWiring } from './wiring.ts'

/** The Node version the Function Apps run (Flex Consumption and Consumption both offer it); the bundles target it. */
export const NODE_VERSION = '22'

/**
 * The files that make a folder of bundles a Functions app: package.json whose `main` globs the
 * function modules (the v4 programming model loads them all), and host.json.
 */
export function functionAppFiles(app: FunctionAppWiring): Artifact[] {
  const packageJson = {
    name: app.name,
    private: true,
    type: 'module',
    main: `${FUNCTIONS_DIR}/*.mjs`,
    // Everything is bundled; @azure/functions-core is the worker's own module.
    dependencies: {},
    engines: { node: `>=${NODE_VERSION}` },
  }
  const hostJson = {
    version: '2.0',
    // The Service Bus trigger's extension comes from the bundle; the HTTP one is built in.
    extensionBundle: { id: 'Microsoft.Azure.Functions.ExtensionBundle', version: '[4.*, 5.0.0)' },
    extensions: {
      // Routes are written in full (api/v1/users/{userId}), the same paths as on every target.
      http: { routePrefix: '' },
      serviceBus: { autoCompleteMessages: true },
    },
    logging: { applicationInsights: { samplingSettings: { isEnabled: true, excludedTypes: 'Request' } } },
  }
  const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n'
  return [
    { path: `${app.name}/package.json`, contents: json(packageJson) },
    { path: `${app.name}/host.json`, contents: json(hostJson) },
    // `func azure functionapp publish` uploads the folder as it is: the bundles need no install.
    { path: `${app.name}/.funcignore`, contents: 'local.settings.json\n' },
  ]
}
