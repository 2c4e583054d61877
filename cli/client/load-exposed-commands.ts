import { describeInChild } from '../../compiler/load-services/describe-in-child.ts'
import type { AppModel } from '../../compiler/model/app-model.ts'
import { sourceFile } from '../../compiler/package-files.ts'
import type { ExposedCommand } from './describe-routes.ts'

/** The exposed commands with their schemas as JSON Schema, read from the loaded services (see describeInChild). */
export const loadExposedCommands = (model: AppModel, projectRoot: string): Promise<ExposedCommand[]> =>
  describeInChild(model, projectRoot, { file: sourceFile('cli/client/describe-routes.ts'), export: 'describeRoutes' }, null)
