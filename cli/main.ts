#!/usr/bin/env node
import { Command } from 'commander'
import { registerAdd } from './commands/add.ts'
import { registerBuild } from './commands/build.ts'
import { registerClient } from './commands/client.ts'
import { registerDev } from './commands/dev.ts'
import { registerGraph } from './commands/graph.ts'
import { registerInit } from './commands/init.ts'
import { registerInspect } from './commands/inspect.ts'
import { registerStart } from './commands/start.ts'
import { PURISTA_VERSION } from './version.ts'

// Each command's file only describes it; what it runs is imported when it runs, so `purista --help` stays fast.
const program = new Command('purista')
  .description('Write services once; build them as a monolith, containers, AWS Lambdas or Azure Functions without changing a line.')
  .version(PURISTA_VERSION)
  .showHelpAfterError('(run with --help for usage)')

for (const register of [registerInit, registerAdd, registerBuild, registerDev, registerStart, registerInspect, registerGraph, registerClient]) register(program)

await program.parseAsync()
