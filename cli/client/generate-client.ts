import type { AppModel } from '../../compiler/model/app-model.ts'
import { toClientOperations } from './client-operations.ts'
import { loadExposedCommands } from './load-exposed-commands.ts'
import { renderClient } from './render-client.ts'

/** The typed client of an analyzed app: names and routes from the model, types from the schemas its services hold. */
export async function generateClient(model: AppModel, projectRoot: string): Promise<string> {
  return renderClient(model.name, toClientOperations(await loadExposedCommands(model, projectRoot)))
}
