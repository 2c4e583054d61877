import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { toEnvName } from '../../../runtime/stores/env.ts'

export interface LocalKeyVault {
  /** The vault's URL, what PURISTA_KEY_VAULT_URL names in Azure. */
  vaultUri: string
  /** The App Service identity endpoint as Azure gives it to every Function App: @azure/identity's ManagedIdentityCredential reads these. */
  identity: { IDENTITY_ENDPOINT: string; IDENTITY_HEADER: string }
  close(): Promise<void>
}

/** Key Vault's own audience: what its 401 challenge names and the token is asked for. */
const VAULT_RESOURCE = 'https://vault.azure.net'
const LOCAL_TENANT = '00000000-0000-0000-0000-000000000000'

/**
 * Key Vault for a local run, spoken to by the real SecretClient and managed identity: the identity
 * endpoint hands out a token, the vault answers its challenge as Azure's does (401, then the read
 * with the token) and serves each secret from the environment of purista start, under the name the
 * other targets read (`signingKey` is $SIGNING_KEY). A secret not set there is Key Vault's 404.
 */
export async function startLocalKeyVault(environment: NodeJS.ProcessEnv = process.env): Promise<LocalKeyVault> {
  const identityHeader = randomBytes(16).toString('hex')
  const token = randomBytes(24).toString('base64url')
  let base = ''
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base)
    if (url.pathname === '/msi/token') return issueToken(req, res, url, identityHeader, token)
    const secret = /^\/secrets\/([^/]+)(?:\/[^/]*)?$/.exec(url.pathname)?.[1]
    if (req.method !== 'GET' || !secret) return answer(res, 400, { error: { code: 'BadParameter', message: `the local Key Vault serves GET /secrets/{name} only, not ${req.method} ${url.pathname}` } })
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.setHeader('www-authenticate', `Bearer authorization="https://login.microsoftonline.com/${LOCAL_TENANT}", resource="${VAULT_RESOURCE}"`)
      return answer(res, 401, { error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' } })
    }
    const name = decodeURIComponent(secret)
    const value = environment[toEnvName(name)]
    if (value === undefined) return answer(res, 404, { error: { code: 'SecretNotFound', message: `A secret with (name/id) ${name} was not found in this key vault. (local: set ${toEnvName(name)} in the environment of purista start)` } })
    answer(res, 200, { value, id: `${base}secrets/${name}/local`, attributes: { enabled: true } })
  })
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}/`
  return {
    vaultUri: base,
    identity: { IDENTITY_ENDPOINT: `${base}msi/token`, IDENTITY_HEADER: identityHeader },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** App Service's managed identity endpoint (api-version 2019-08-01): a token for the resource asked for, to a caller that shows the header. */
function issueToken(req: IncomingMessage, res: ServerResponse, url: URL, identityHeader: string, token: string) {
  if (req.headers['x-identity-header'] !== identityHeader) return answer(res, 401, { error: 'invalid_request', error_description: 'X-IDENTITY-HEADER is missing or wrong' })
  const resource = url.searchParams.get('resource') ?? VAULT_RESOURCE
  const expiresOn = Math.floor(Date.now() / 1000) + 3600
  answer(res, 200, { access_token: token, expires_on: String(expiresOn), resource, token_type: 'Bearer' })
}

function answer(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body))
}
