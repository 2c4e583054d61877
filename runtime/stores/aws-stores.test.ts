import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm'
import { mockClient } from 'aws-sdk-client-mock'
import { afterEach, expect, test } from 'vitest'
import { SecretsManagerStore } from './aws-secrets-manager.ts'
import { SsmParameterStore } from './aws-ssm.ts'
import { CachedReads } from './cached-reads.ts'

// Secrets Manager and SSM cannot run here: their APIs are mocked, the stores around them are real.
const secretsManager = mockClient(SecretsManagerClient)
const ssm = mockClient(SSMClient)
afterEach(() => (secretsManager.reset(), ssm.reset()))

const secrets = () => new SecretsManagerStore({ client: new SecretsManagerClient({ region: 'us-east-1' }) })
const parameters = () => new SsmParameterStore({ client: new SSMClient({ region: 'us-east-1' }) })

test('getSecret reads each named secret with GetSecretValue, keyed by its name; a binary secret as UTF-8', async () => {
  secretsManager.on(GetSecretValueCommand, { SecretId: 'apiKey' }).resolves({ SecretString: 'k-123' })
  secretsManager.on(GetSecretValueCommand, { SecretId: 'certificate' }).resolves({ SecretBinary: new TextEncoder().encode('-----BEGIN') })
  expect(await secrets().getSecret('apiKey', 'certificate')).toEqual({ apiKey: 'k-123', certificate: '-----BEGIN' })
})

test('a secret is read once per container, however often and however concurrently the functions ask', async () => {
  secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 'k-123' })
  const store = secrets()
  await Promise.all([store.getSecret('apiKey'), store.getSecret('apiKey')])
  await store.getSecret('apiKey')
  expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1)
})

test('a missing secret is an error naming it; a failed read is not kept, so the next call asks again', async () => {
  secretsManager.on(GetSecretValueCommand).rejectsOnce(new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: {} })).resolves({ SecretString: 'now there' })
  const store = secrets()
  await expect(store.getSecret('apiKey')).rejects.toMatchObject({ errorCode: 500, message: expect.stringContaining('secret "apiKey" is missing: create it in Secrets Manager') })
  expect(await store.getSecret('apiKey')).toEqual({ apiKey: 'now there' })
})

test('getConfig reads each named parameter with GetParameter, decrypted; a missing one is an error naming it', async () => {
  ssm.on(GetParameterCommand, { Name: 'welcomeSender', WithDecryption: true }).resolves({ Parameter: { Name: 'welcomeSender', Value: 'hi@example.com' } })
  ssm.on(GetParameterCommand, { Name: '/shop/maxItems' }).resolves({ Parameter: { Name: '/shop/maxItems', Value: '12' } })
  ssm.on(GetParameterCommand, { Name: 'nope' }).rejects(new ParameterNotFound({ message: '', $metadata: {} }))
  const store = parameters()
  expect(await store.getConfig('welcomeSender', '/shop/maxItems')).toEqual({ welcomeSender: 'hi@example.com', '/shop/maxItems': '12' })
  await expect(store.getConfig('nope')).rejects.toMatchObject({ errorCode: 500, message: expect.stringContaining('config value "nope" is missing: create the parameter nope in SSM Parameter Store') })
  await store.getConfig('welcomeSender')
  expect(ssm.commandCalls(GetParameterCommand, { Name: 'welcomeSender' })).toHaveLength(1)
})

test('a cached value is read again once its time is up, so a rotated secret is seen', async () => {
  let now = 0
  let reads = 0
  const values = new CachedReads(async (name) => `${name}-${++reads}`, 1000, () => now)
  expect(await values.getAll(['a'])).toEqual({ a: 'a-1' })
  now = 999
  expect(await values.getAll(['a'])).toEqual({ a: 'a-1' })
  now = 1000
  expect(await values.getAll(['a'])).toEqual({ a: 'a-2' })
})
