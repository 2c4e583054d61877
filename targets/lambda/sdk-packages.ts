import type { FunctionWiring } from './wiring.ts'

/**
 * The AWS SDK packages purista's runtime imports in these functions: what a build that bundles the
 * SDK (targets.lambda.bundleAwsSdk) needs installed. Each follows from what the entry wires in
 * (entry.ts): the state store, the publisher, the invoker, and an AWS config or secret store that
 * has names to read.
 */
export function awsSdkPackages(functions: readonly FunctionWiring[]): string[] {
  const needs = (test: (fn: FunctionWiring) => boolean) => functions.some(test)
  return [
    ...(needs((fn) => fn.usesState) ? ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'] : []),
    ...(needs((fn) => fn.emits) ? ['@aws-sdk/client-eventbridge'] : []),
    ...(needs((fn) => fn.invokes.length > 0) ? ['@aws-sdk/client-lambda'] : []),
    ...(needs((fn) => fn.secrets.length > 0) ? ['@aws-sdk/client-secrets-manager'] : []),
    ...(needs((fn) => fn.parameters.length > 0) ? ['@aws-sdk/client-ssm'] : []),
  ]
}
