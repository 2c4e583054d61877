import type { LocalDeployment, LocalFunctionApp, LocalInfrastructure } from './template.ts'

/** The local services that stand in for what an identity-based connection names. */
export interface LocalConnections {
  serviceBus?: string
  tables?: string
}

/**
 * Identity-based connections, `<name>__<property>`, as the generated infrastructure writes them,
 * and the local connection string that replaces each: locally, as in local.settings.json, the
 * setting `<name>` itself holds a connection string. null: the host's own storage (keys, leases,
 * the deployment package), which the local host keeps in memory.
 */
const IDENTITY_CONNECTIONS: Record<string, keyof LocalConnections | null> = {
  fullyQualifiedNamespace: 'serviceBus',
  tableServiceUri: 'tables',
  accountName: null,
  blobServiceUri: null,
  queueServiceUri: null,
}

/**
 * A Function App's settings from the template, as the environment of its local process: values
 * evaluated against the local deployment (another app's URL is the local host, its key the local
 * one), identity-based connections replaced by local connection strings. A setting whose value
 * only exists in Azure (Application Insights' connection string) is left out.
 */
export function localAppSettings(infra: LocalInfrastructure, app: LocalFunctionApp, deployment: LocalDeployment, connections: LocalConnections): Record<string, string> {
  const environment: Record<string, string> = {}
  for (const setting of app.settings) {
    const identity = /^(.+)__([A-Za-z]+)$/.exec(setting.name)
    if (identity && identity[2]! in IDENTITY_CONNECTIONS) {
      const service = IDENTITY_CONNECTIONS[identity[2]!]
      if (!service) continue
      const connectionString = connections[service]
      if (!connectionString) throw new Error(`Function App ${app.name} connects to ${setting.name}, but the template has no ${service === 'serviceBus' ? 'Service Bus topic' : 'table'} for the local run to stand in for`)
      environment[identity[1]!] = connectionString
      continue
    }
    const value = infra.evaluate(setting.value, deployment)
    if (value !== undefined && value !== null) environment[setting.name] = plainHttp(String(value), deployment.hostName)
  }
  return environment
}

/** Azure serves a Function App over HTTPS; the local host, as Core Tools' does, over plain HTTP. */
const plainHttp = (value: string, hostName: string) => value.replaceAll(`https://${hostName}`, `http://${hostName}`)
