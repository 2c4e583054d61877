import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { outcome } from '../../../runtime/bridge/outcome.ts'
import { describeAddress, type CommandMessage, type CommandResponse } from '../../../runtime/core/envelope.ts'
import { StatusCode, UnhandledError } from '../../../runtime/core/errors.ts'
import { invokeProxy } from '../../../runtime/service/invoke-proxy.ts'
import { invokeTargetVariable } from './names.ts'

/**
 * canInvoke on AWS: a synchronous Lambda Invoke of the target's function, which answers with the
 * command response envelope. Only declared targets have a function name in the environment (and
 * only their ARNs in the IAM policy).
 */
export class LambdaInvoker {
  /** The context.service whose calls come here: only functions that invoke carry it. */
  readonly serviceProxy = invokeProxy
  private readonly client: LambdaClient
  private readonly decoder = new TextDecoder()

  constructor(client?: LambdaClient) {
    this.client = client ?? new LambdaClient({})
  }

  async invoke(command: CommandMessage): Promise<unknown> {
    const target = describeAddress(command.receiver)
    const functionName = process.env[invokeTargetVariable(command.receiver)]
    if (!functionName) throw new UnhandledError(StatusCode.InternalServerError, `no function for ${target}: ${invokeTargetVariable(command.receiver)} is not set (was it declared with canInvoke?)`)
    let result
    try {
      result = await this.client.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: JSON.stringify(command) }))
    } catch (error) {
      throw new UnhandledError(StatusCode.BadGateway, `invoking ${target} (${functionName}) failed: ${(error as Error).message}`)
    }
    const body = result.Payload ? this.decoder.decode(result.Payload) : ''
    // FunctionError means the target crashed or timed out instead of answering.
    if (result.FunctionError) throw new UnhandledError(StatusCode.BadGateway, `${target} failed (${result.FunctionError}): ${body.slice(0, 500)}`)
    return outcome(JSON.parse(body) as CommandResponse)
  }
}
