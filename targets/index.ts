import { azureTarget } from './azure/plan.ts'
import { containersTarget } from './containers/plan.ts'
import { lambdaTarget } from './lambda/plan.ts'
import { monolithTarget } from './monolith/plan.ts'
import type { Target } from './types.ts'

export const TARGETS: Record<string, Target> = {
  monolith: monolithTarget,
  containers: containersTarget,
  lambda: lambdaTarget,
  azure: azureTarget,
}
