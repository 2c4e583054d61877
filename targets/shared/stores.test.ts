import { join } from 'node:path'
import { expect, test } from 'vitest'
import { loadConfig } from '../../compiler/config/load-config.ts'
import { REPO } from '../../e2e/helpers.ts'
import { cloudStoreWarnings, runtimeStores } from './stores.ts'

const config = loadConfig(join(REPO, 'fixtures/fullexample/purista.config.ts')).config!

test('Secrets Manager and SSM are read on lambda, Key Vault on azure; any other target reads the environment instead, with a warning per store', () => {
  expect(cloudStoreWarnings(config, 'lambda')).toEqual([])
  expect(cloudStoreWarnings(config, 'monolith')).toEqual([
    expect.objectContaining({ severity: 'warning', code: 'ignored-on-target', file: 'purista.config.ts', message: "stores.config: 'aws-ssm' (SSM Parameter Store) is read on the lambda target only; on monolith, context.configs reads environment variables" }),
    expect.objectContaining({ severity: 'warning', code: 'ignored-on-target', message: "stores.secret: 'aws-secrets-manager' (Secrets Manager) is read on the lambda target only; on monolith, context.secrets reads environment variables" }),
  ])
  expect(cloudStoreWarnings({ ...config, stores: { ...config.stores, config: 'env', secret: 'azure-key-vault' } }, 'lambda')).toEqual([
    expect.objectContaining({ message: "stores.secret: 'azure-key-vault' (Key Vault) is read on the azure target only; on lambda, context.secrets reads environment variables" }),
  ])
  expect(cloudStoreWarnings({ ...config, stores: { ...config.stores, config: 'env', secret: 'azure-key-vault' } }, 'azure')).toEqual([])
  expect(runtimeStores(config.stores)).toEqual({ config: 'env', secret: 'env', envPrefix: '' })
  expect(runtimeStores({ config: 'memory', secret: 'env', envPrefix: 'APP_' })).toEqual({ config: 'memory', secret: 'env', envPrefix: 'APP_' })
})
