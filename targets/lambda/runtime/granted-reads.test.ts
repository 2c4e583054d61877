import { expect, test } from 'vitest'
import { MemoryConfigStore } from '../../../runtime/stores/memory.ts'
import { grantedConfigs, grantedSecrets } from './granted-reads.ts'

const store = new MemoryConfigStore({ signingKey: 'k', siteName: 'Daily' })

test('a function reads the names its role is granted; another name fails saying which it may read and why', async () => {
  const secrets = grantedSecrets('Article v1 publishArticle', ['signingKey'], store)
  expect(await secrets.getSecret('signingKey')).toEqual({ signingKey: 'k' })
  await expect(secrets.getSecret('signingKey', 'dbPassword')).rejects.toMatchObject({
    errorCode: 500,
    message: 'Article v1 publishArticle may not read the secret "dbPassword": it may read "signingKey", and its role grants exactly those. Name each secret as a literal in the function passed to set…Function.',
  })
})

test('a function that reads none has no store at all, and says the build found no read', async () => {
  await expect(grantedConfigs('Article v1 getArticles', []).getConfig('siteName')).rejects.toMatchObject({ message: expect.stringContaining('purista found no getConfig call in its function') })
})
