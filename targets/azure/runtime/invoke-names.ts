/**
 * The names of canInvoke across Function Apps, apart from names.ts: every function loads that file,
 * only the functions that invoke (invoker.ts) need these.
 */

/** Where a command another Function App invokes is reached: POST with the command envelope, a function key required. */
export const invokeRoute = (target: { serviceName: string; serviceVersion: string; serviceTarget: string }): string =>
  `purista/invoke/${target.serviceName}/v${target.serviceVersion}/${target.serviceTarget}`

/** The settings of a canInvoke target in another app: the base URL of that app and its function key. */
export const invokeUrlVariable = (app: string): string => `PURISTA_APP_${app.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`
export const invokeKeyVariable = (app: string): string => `PURISTA_APP_${app.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_KEY`
