import type { ResolvedConfig } from '../config/load-config.ts'
import { describeInChild } from '../load-services/describe-in-child.ts'
import type { AppModel } from '../model/app-model.ts'
import { sourceFile } from '../package-files.ts'
import type { DescribedApp } from './describe-app.ts'

/**
 * The /api/openapi.json a monolith of this app serves, as JSON text, for targets that serve it as a
 * file: a function that answers it must not carry every command's code to build it at run time.
 */
export async function generateOpenApiDocument(model: AppModel, config: Pick<ResolvedConfig, 'projectRoot' | 'authGuard'>): Promise<string> {
  const app: DescribedApp = { title: model.name, ...(config.authGuard && { authScheme: config.authGuard.scheme }) }
  const document = await describeInChild<object>(model, config.projectRoot, { file: sourceFile('compiler/openapi/describe-app.ts'), export: 'describeApp' }, app)
  return JSON.stringify(document)
}
