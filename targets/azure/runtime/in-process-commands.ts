import { describeAddress, type Address, type CommandMessage, type CommandResponse } from '../../../runtime/core/envelope.ts'

/**
 * The commands of this Function App, by `Service v1 command`. The worker loads every function of an
 * app into one process, so a canInvoke between two of them is a call, not a request.
 */
const commands = new Map<string, (command: CommandMessage) => Promise<CommandResponse>>()

export const registerInProcess = (address: Address, respond: (command: CommandMessage) => Promise<CommandResponse>): void => void commands.set(describeAddress(address), respond)

export const inProcessCommand = (address: Address) => commands.get(describeAddress(address))
