import type { TokenCredential } from '@azure/identity'

/** A connection as Azure Functions reads one from the app settings. */
export type Connection = { connectionString: string } | { endpoint: string }

/**
 * Reads connection `name` the way the Functions host reads a binding's: the setting itself holds a
 * connection string (local runs, Azurite), or `<name>__<identityKey>` names the endpoint that the
 * app's managed identity is granted (what the generated infrastructure sets). Read when a function
 * loads, so a missing setting fails the start and names the setting.
 */
export function readConnection(name: string, identityKey: string): Connection {
  const connectionString = process.env[name]
  if (connectionString) return { connectionString }
  const endpoint = process.env[`${name}__${identityKey}`]
  if (endpoint) return { endpoint }
  throw new Error(`connection setting ${name} is not set: set ${name} to a connection string, or ${name}__${identityKey} to use the app's managed identity (the generated infrastructure does)`)
}

/**
 * The Function App's system-assigned identity. Loaded on first use, apart from the function's code:
 * runs with connection strings (local ones) never load @azure/identity.
 */
export async function managedIdentity(): Promise<TokenCredential> {
  const { ManagedIdentityCredential } = await import('@azure/identity')
  return new ManagedIdentityCredential()
}
