/**
 * Names the generated CDK stack and the function runtime agree on. The runtime imports them from
 * here and the plan writes them into wiring.json for the stack, so one rename reaches both sides.
 */
export const EVENT_BUS_VARIABLE = 'PURISTA_EVENT_BUS'
/** Beside the app routes' index.mjs: the document the build generated from the services' schemas. */
export const OPENAPI_FILE = 'openapi.json'
/** The `source` of every event purista puts on the bus; rules match it. */
export const EVENT_SOURCE = 'purista'

/** The variable holding the function name of a declared canInvoke target. */
export const invokeTargetVariable = (target: { serviceName: string; serviceVersion: string; serviceTarget: string }): string =>
  `PURISTA_INVOKE_${[target.serviceName, target.serviceVersion, target.serviceTarget].join('_').replace(/[^A-Za-z0-9_]/g, '_')}`
