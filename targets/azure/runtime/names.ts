/**
 * Names the generated infrastructure and the function runtime agree on: app settings, message
 * properties. The runtime imports them from here and the plan writes them into the templates, so
 * one rename reaches both sides.
 */

/**
 * The connection of the Service Bus trigger bindings and of the event sender. As Azure Functions
 * reads connections: PURISTA_SERVICEBUS holds a connection string (local runs), or
 * PURISTA_SERVICEBUS__fullyQualifiedNamespace names the namespace for the managed identity.
 */
export const SERVICE_BUS_CONNECTION = 'PURISTA_SERVICEBUS'

/** Beside the functions of the app that serves /api/openapi.json: the document the build generated from the services' schemas. */
export const OPENAPI_FILE = 'openapi.json'
/** Table storage for context.states, read the same way: a connection string, or PURISTA_TABLES__tableServiceUri with the identity. */
export const TABLES_CONNECTION = 'PURISTA_TABLES'
export const STATE_TABLE_VARIABLE = 'PURISTA_STATE_TABLE'
/** The vault of stores.secret 'azure-key-vault': its URL, https://<name>.vault.azure.net/, read with the identity. */
export const KEY_VAULT_URL_VARIABLE = 'PURISTA_KEY_VAULT_URL'

/** The application properties of every event message: the subscriptions' SQL filters test them. */
export const EVENT_NAME_PROPERTY = 'eventName'
export const SENDER_VERSION_PROPERTY = 'senderServiceVersion'
