import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { DynamoStateStore } from '../../runtime/stores/dynamodb.ts'
import { startLocalAws } from '../../targets/lambda/local/aws-endpoint.ts'
import { LOCAL_CREDENTIALS, startLocalDynamo, stateTable } from '../../targets/lambda/local/dynamodb.ts'
import { localAwsEnvironment } from '../../targets/lambda/local/start.ts'

/**
 * What the user-email functions reach at a cold start: DynamoDB with user u1 stored, and an AWS
 * endpoint for EventBridge and Lambda Invoke whose GetUser answers u1. canInvoke of getUser: purista
 * sends a command envelope and expects the response envelope; a hand-written handler, the user.
 */
export async function startBenchAws() {
  const dynamo = await startLocalDynamo([stateTable('state')])
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS }))
  const user = { userId: 'u1', email: 'ada@example.com', name: 'Ada' }
  await new DynamoStateStore({ service: { serviceName: 'User', serviceVersion: '1', serviceDescription: '' }, tableName: 'state', client: documents }).setState('user:u1', user)
  const aws = await startLocalAws({
    app: { functions: [{ id: 'GetUser', codeDir: '.', handler: 'index.handler', timeoutSeconds: 3, memoryMb: 128, environment: {} }], routes: [], rules: [], buses: ['bus'], tables: [] },
    region: 'us-east-1',
    log: () => {},
    invoke: async (_, event: any) => ({ ok: true, result: event.messageType === 'command' ? { ...event, messageType: 'commandSuccessResponse', payload: user } : user }),
  })
  return {
    /** The environment a function gets to reach them. */
    environment: localAwsEnvironment({ aws: aws.url, dynamodb: dynamo.endpoint }),
    async close() {
      documents.destroy()
      await aws.close()
      await dynamo.close()
    },
  }
}
