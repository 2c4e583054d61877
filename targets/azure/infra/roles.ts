/**
 * The built-in Azure roles the deployment assigns, by their fixed ids (the same in every tenant).
 * Data-plane roles only, each on the narrowest scope that works: never Owner or Contributor.
 */
export const ROLES = {
  /** The Functions host keeps its keys, leases and the Flex deployment package in blobs of its storage account. */
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  /** context.states: read and write entities of the state table. */
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  /** context.states of an app that only calls getState: read entities of the state table. */
  storageTableDataReader: '76199698-9eea-4c19-bc75-cec21354c6b6',
  /** Send events to the topic. */
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39',
  /** Receive (and settle) the messages of one subscription. */
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0',
  /** context.secrets: read the values of the vault's secrets (not list them, not change them). */
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
} as const

export type RoleName = keyof typeof ROLES
