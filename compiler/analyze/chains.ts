import type { Diagnostic } from '../diagnostics.ts'
import type { StateMethod } from '../model/app-model.ts'
import type { SubscriptionFilter } from '../../runtime/service/subscription-filter.ts'
import { unsupportedMethod } from './builder-methods.ts'
import { Evaluator, NotStatic, unwrap, type StaticValue } from './evaluate.ts'
import type { Declaration, ModuleGraph, ModuleRecord, Node } from './modules.ts'
import { stateMethods } from './state-use.ts'
import { objectSchemaKeys } from './schema-keys.ts'
import { findStoreReads, mergeReads, NO_READS, type StoreReads } from './store-reads.ts'

import { FRAMEWORK_SPECIFIERS } from './framework.ts'

export { FRAMEWORK_SPECIFIERS }

/** A place in the sources, kept until positions are reported. */
export interface Site {
  module: ModuleRecord
  node: Node
}

export interface ServiceFacts {
  site: Site
  declaration?: Declaration
  serviceName?: string
  serviceVersion?: string
  description: string
  /** Names declared with defineResource<'name', Type>(), each with where, for a missing provider's error. */
  resources: { name: string; site: Site }[]
  /** Declarations whose chain adds definitions to this service. */
  definitionSites: { declaration: Declaration; adds: { kind: 'command' | 'subscription'; args: Node[]; module: ModuleRecord }[] }[]
}

interface FunctionFacts {
  service: ServiceFacts
  site: Site
  declaration?: Declaration
  name?: string
  description: string
  emits: { eventName: string; site: Site }[]
  invokes: { serviceName: string; serviceVersion: string; command: string; site: Site }[]
  hasFunction: boolean
  /** setBeforeGuardHooks, setAfterGuardHooks, setTransformInput or setTransformOutput is called. */
  hooks: boolean
  /** The context.states methods the function may call (targets without shared memory give it a store then). */
  stateMethods: StateMethod[]
  /** The secrets and configs its function reads by name. */
  reads: StoreReads
}

export interface CommandFacts extends FunctionFacts {
  kind: 'command'
  http?: { method: string; path: string; site: Site }
  queryParameters: { name: string; required: boolean }[]
  /** addParameterSchema's argument, with the keys it keeps when they can be read (an object schema). */
  parameterSchema?: { keys: Set<string> | undefined; site: Site }
  isPublic: boolean
  successEvent?: string
}

export interface SubscriptionFacts extends FunctionFacts {
  kind: 'subscription'
  event?: { name: string; site: Site }
  eventServiceVersion?: string
  durable: boolean
  everyInstance: boolean
  filter?: SubscriptionFilter
  autoacknowledge: boolean
  outputEvent?: string
}

/** What an expression is, as far as the builder API goes. */
export type Classified =
  | { kind: 'service'; service: ServiceFacts; adds: ServiceFacts['definitionSites'][number]['adds'] }
  | { kind: 'command'; facts: CommandFacts; isDefinition: boolean }
  | { kind: 'subscription'; facts: SubscriptionFacts; isDefinition: boolean }
  | { kind: 'none' }

const NONE: Classified = { kind: 'none' }
const NAME_HINT = 'write it as a string literal, a const, a member of an `as const` object or an enum: purista reads names without running your code'

/**
 * Follows builder chains (`new ServiceBuilder(…)`, `.getCommandBuilder(…)…`, `.addCommandDefinition(…)`)
 * through constants and imports, and records what each step declares.
 */
export class ChainReader {
  readonly services: ServiceFacts[] = []
  readonly commands: CommandFacts[] = []
  readonly subscriptions: SubscriptionFacts[] = []
  /** Every builder method call read as part of a chain: a builder call outside them is one purista never sees. */
  readonly readCalls = new Set<Node>()
  private readonly byDeclaration = new Map<Declaration, Classified>()
  private readonly evaluator: Evaluator

  constructor(
    private readonly graph: ModuleGraph,
    private readonly diagnostics: Diagnostic[],
  ) {
    this.evaluator = new Evaluator(graph)
  }

  classifyDeclaration(declaration: Declaration): Classified {
    const known = this.byDeclaration.get(declaration)
    if (known) return known
    this.byDeclaration.set(declaration, NONE) // a chain that refers to itself is no builder
    const result = declaration.kind === 'const' && declaration.init ? this.classify(declaration.module, declaration.init, declaration) : NONE
    this.byDeclaration.set(declaration, result)
    if (result.kind === 'service' && result.adds.length) result.service.definitionSites.push({ declaration, adds: result.adds })
    return result
  }

  classify(module: ModuleRecord, expression: Node, declaration?: Declaration): Classified {
    const calls: Node[] = []
    let base = unwrap(expression)
    while (base.type === 'CallExpression' && unwrap(base.callee).type === 'MemberExpression' && !unwrap(base.callee).computed) {
      calls.unshift(base)
      base = unwrap(unwrap(base.callee).object)
    }
    let current = this.classifyBase(module, base, declaration)
    for (const call of calls) {
      if (current.kind === 'none') return NONE
      this.readCalls.add(call)
      current = this.apply(current, module, call, declaration)
    }
    return current
  }

  private classifyBase(module: ModuleRecord, base: Node, declaration?: Declaration): Classified {
    if (base.type === 'NewExpression' && this.isFrameworkExport(module, unwrap(base.callee), 'ServiceBuilder')) {
      const service = this.newService(module, base, declaration)
      return { kind: 'service', service, adds: [] }
    }
    if (base.type !== 'Identifier') return NONE
    const binding = this.graph.resolveBinding(module, base.name)
    if (binding.kind !== 'declaration') return NONE
    const target = this.classifyDeclaration(binding.declaration)
    // A reference continues the same builder object, without what the referenced chain added.
    return target.kind === 'service' ? { kind: 'service', service: target.service, adds: [] } : target
  }

  private isFrameworkExport(module: ModuleRecord, callee: Node, name: string): boolean {
    if (callee.type === 'Identifier') {
      const binding = this.graph.resolveBinding(module, callee.name)
      return binding.kind === 'external' && FRAMEWORK_SPECIFIERS.has(binding.specifier) && binding.imported === name
    }
    if (callee.type === 'MemberExpression' && !callee.computed && callee.property.name === name && callee.object.type === 'Identifier') {
      const binding = this.graph.resolveBinding(module, callee.object.name)
      return binding.kind === 'external' && FRAMEWORK_SPECIFIERS.has(binding.specifier) && binding.imported === '*'
    }
    return false
  }

  private newService(module: ModuleRecord, node: Node, declaration?: Declaration): ServiceFacts {
    const site = { module, node }
    const service: ServiceFacts = { site, declaration, description: '', resources: [], definitionSites: [] }
    const arg = node.arguments[0]
    if (!arg) {
      this.report('not-static', site, 'new ServiceBuilder() needs { serviceName, serviceVersion, serviceDescription }', NAME_HINT)
    } else {
      const info = this.evaluator.evaluate(module, arg)
      if (info instanceof NotStatic || typeof info !== 'object' || info === null) {
        this.notStatic(info, { module, node: arg }, 'the service info')
      } else {
        const record = info as Record<string, StaticValue>
        service.serviceName = this.text(record.serviceName, { module, node: arg }, 'serviceName')
        const version = record.serviceVersion
        service.serviceVersion = typeof version === 'number' ? String(version) : this.text(version, { module, node: arg }, 'serviceVersion')
        service.description = typeof record.serviceDescription === 'string' ? record.serviceDescription : ''
      }
    }
    this.services.push(service)
    return service
  }

  private apply(current: Exclude<Classified, { kind: 'none' }>, module: ModuleRecord, call: Node, declaration?: Declaration): Classified {
    const method: string = unwrap(call.callee).property.name
    const args: Node[] = call.arguments
    // Diagnostics about a call point at its method name, not at the start of the whole chain.
    const site = { module, node: unwrap(call.callee).property }
    const arg = (i: number): Site => ({ module, node: args[i] ?? call })
    const name = (i: number, what: string) => (args[i] ? this.name(module, args[i], what) : this.report('not-static', site, `${method}() is missing its ${what}`, NAME_HINT))

    if (current.kind === 'service') {
      switch (method) {
        case 'getCommandBuilder':
        case 'getSubscriptionBuilder': {
          const base = { service: current.service, site, declaration, name: name(0, 'name'), description: this.optionalText(module, args[1]), emits: [], invokes: [], hasFunction: false, hooks: false, stateMethods: [], reads: NO_READS }
          if (method === 'getCommandBuilder') {
            const facts: CommandFacts = { ...base, kind: 'command', queryParameters: [], isPublic: false }
            this.commands.push(facts)
            return { kind: 'command', facts, isDefinition: false }
          }
          const facts: SubscriptionFacts = { ...base, kind: 'subscription', durable: true, everyInstance: false, autoacknowledge: false }
          this.subscriptions.push(facts)
          return { kind: 'subscription', facts, isDefinition: false }
        }
        case 'addCommandDefinition':
        case 'addSubscriptionDefinition':
          return { ...current, adds: [...current.adds, { kind: method === 'addCommandDefinition' ? 'command' : 'subscription', args, module }] }
        case 'defineResource': {
          const resource = this.resourceName(module, call, site)
          if (resource) current.service.resources.push({ name: resource, site })
          return current
        }
        case 'getInstance':
          return NONE
        default:
          return current
      }
    }

    const facts = current.facts
    // A method the builder lacks would be a TypeError when the module loads: the build says so first.
    const unsupported = current.isDefinition ? undefined : unsupportedMethod(facts.kind, method)
    if (unsupported) this.report('unsupported-method', site, unsupported.message, unsupported.hint)
    switch (method) {
      case 'getDefinition':
        return { ...current, isDefinition: true }
      case 'canInvoke': {
        const [serviceName, serviceVersion, command] = [name(0, 'service name'), this.version(module, args[1]), name(2, 'command name')]
        if (serviceName && serviceVersion && command) facts.invokes.push({ serviceName, serviceVersion, command, site })
        break
      }
      case 'canEmit': {
        const eventName = name(0, 'event name')
        if (eventName) facts.emits.push({ eventName, site: arg(0) })
        break
      }
      case 'setCommandFunction':
      case 'setSubscriptionFunction':
        facts.hasFunction = true
        facts.stateMethods = args[0] ? stateMethods(args[0]) : []
        if (args[0]) this.addStoreReads(facts, module, args[0])
        break
      // Guards and transforms run as part of the function: what they read, it reads.
      case 'setBeforeGuardHooks':
      case 'setAfterGuardHooks':
      case 'setTransformInput':
      case 'setTransformOutput': {
        const hook = args[{ setBeforeGuardHooks: 0, setAfterGuardHooks: 0, setTransformInput: 2, setTransformOutput: 1 }[method]]
        facts.hooks = true
        if (hook) this.addStoreReads(facts, module, hook)
        break
      }
    }
    if (facts.kind === 'command') {
      switch (method) {
        case 'exposeAsHttpEndpoint': {
          const httpMethod = name(0, 'HTTP method')
          const path = name(1, 'path')
          if (httpMethod && path !== undefined) facts.http = { method: httpMethod.toUpperCase(), path: path.replace(/^\/+|\/+$/g, ''), site }
          break
        }
        case 'addParameterSchema':
          if (args[0]) facts.parameterSchema = { keys: objectSchemaKeys(this.graph, module, args[0]), site: arg(0) }
          break
        case 'addQueryParameters':
          for (const a of args) {
            const value = this.evaluator.evaluate(module, a)
            const parameter = value as Record<string, StaticValue>
            if (value instanceof NotStatic || typeof value !== 'object' || value === null || typeof parameter.name !== 'string') {
              this.notStatic(value instanceof NotStatic ? value : undefined, { module, node: a }, 'the query parameter')
            } else facts.queryParameters.push({ name: parameter.name, required: parameter.required === true })
          }
          break
        case 'makeEndpointPublic':
          facts.isPublic = true
          break
        case 'disableHttpSecurity':
          facts.isPublic = this.flag(module, args[0])
          break
        case 'enableHttpSecurity':
          facts.isPublic = !this.flag(module, args[0])
          break
        case 'setSuccessEventName':
          facts.successEvent = name(0, 'event name')
          break
        case 'adviceAutoacknowledgeMessages':
          this.report(
            'ignored-on-target',
            site,
            'adviceAutoacknowledgeMessages() changes nothing on any target: purista acknowledges a command once it has answered it, with its result or its error',
            'remove the call; subscriptions choose when an event is acknowledged with adviceAutoacknowledgeMessage()',
            'warning',
          )
          break
      }
    } else {
      switch (method) {
        case 'subscribeToEvent': {
          const eventName = name(0, 'event name')
          if (eventName) facts.event = { name: eventName, site: arg(0) }
          if (args[1]) facts.eventServiceVersion = this.version(module, args[1])
          break
        }
        case 'adviceDurable':
          facts.durable = this.flag(module, args[0])
          break
        case 'addOutputSchema':
          facts.outputEvent = name(0, 'event name')
          break
        case 'receiveOnEveryInstance':
        case 'receiveMessageOnEveryInstance':
          facts.everyInstance = this.flag(module, args[0])
          break
        case 'adviceAutoacknowledgeMessage':
          facts.autoacknowledge = this.flag(module, args[0])
          break
        case 'filterPrincipalId':
        case 'filterTenantId': {
          const value = name(0, method === 'filterPrincipalId' ? 'principal id' : 'tenant id')
          if (value !== undefined) facts.filter = { ...facts.filter, [method === 'filterPrincipalId' ? 'principalId' : 'tenantId']: value }
          break
        }
        case 'filterSentFrom':
        case 'filterReceivedBy': {
          // Each part may be undefined, meaning any; as in PURISTA, filterSentFrom replaces the version subscribeToEvent named.
          const [serviceName, serviceVersion, serviceTarget, instanceId] = [0, 1, 2, 3].map((i) => this.optionalName(module, args[i], ['service name', 'service version', 'command or subscription name', 'instance id'][i]!))
          const address = Object.fromEntries(Object.entries({ serviceName, serviceTarget, instanceId }).filter(([, v]) => v !== undefined))
          if (method === 'filterSentFrom') {
            facts.eventServiceVersion = serviceVersion
            facts.filter = { ...facts.filter, sender: address }
          } else facts.filter = { ...facts.filter, receiver: serviceVersion === undefined ? address : { ...address, serviceVersion } }
          break
        }
        case 'filterForMessageType': {
          const messageType = name(0, 'message type')
          if (messageType === 'customMessage' || messageType === 'commandSuccessResponse') facts.filter = { ...facts.filter, messageType }
          else if (messageType !== undefined) {
            this.report('invalid-filter', arg(0), `a subscription never receives "${messageType}" messages, so it would never run`, "purista subscriptions receive events: filter for 'customMessage' (canEmit events, subscription outputs) or 'commandSuccessResponse' (a command's success event)")
          }
          break
        }
      }
    }
    return current
  }

  private addStoreReads(facts: CommandFacts | SubscriptionFacts, module: ModuleRecord, code: Node) {
    const found = findStoreReads(this.graph, this.evaluator, module, code, (m, node, message, hint, severity) => this.report('not-static', { module: m, node }, message, hint, severity))
    facts.reads = mergeReads(facts.reads, found)
  }

  /** Why `x.getDefinition()` names no builder, when `x` itself cannot be found (say, its file does not export it). */
  private unresolvedBuilder(module: ModuleRecord, node: Node): string | undefined {
    const call = unwrap(node)
    const callee = call.type === 'CallExpression' ? unwrap(call.callee) : undefined
    const object = callee?.type === 'MemberExpression' ? unwrap(callee.object) : undefined
    if (object?.type !== 'Identifier') return undefined
    const binding = this.graph.resolveBinding(module, object.name)
    return binding.kind === 'unresolved' ? binding.reason : undefined
  }

  /** The commands or subscriptions an add*Definition argument list stands for. */
  resolveDefinitions(module: ModuleRecord, args: Node[], kind: 'command' | 'subscription'): (CommandFacts | SubscriptionFacts)[] {
    const found: (CommandFacts | SubscriptionFacts)[] = []
    const visitList = (m: ModuleRecord, node: Node): void => {
      const list = unwrap(node)
      if (list.type === 'ArrayExpression') {
        for (const element of list.elements as Node[]) element && visitItem(m, element)
        return
      }
      if (list.type === 'Identifier') {
        const binding = this.graph.resolveBinding(m, list.name)
        if (binding.kind === 'declaration' && binding.declaration.init) return visitList(binding.declaration.module, binding.declaration.init)
      }
      this.report('not-static', { module: m, node: list }, `cannot tell which ${kind}s this list holds`, `spread an array literal of .getDefinition() calls, e.g. [${kind === 'command' ? 'registerNewUser' : 'sendWelcomeMail'}.getDefinition()]`)
    }
    const visitItem = (m: ModuleRecord, node: Node): void => {
      if (node.type === 'SpreadElement') return visitList(m, node.argument)
      const classified = this.classify(m, node)
      if ((classified.kind === 'command' || classified.kind === 'subscription') && classified.isDefinition) {
        if (classified.kind !== kind) {
          this.report('not-static', { module: m, node }, `a ${classified.kind} is added with add${kind === 'command' ? 'Command' : 'Subscription'}Definition()`, `use add${classified.kind === 'command' ? 'Command' : 'Subscription'}Definition() for it`)
        } else found.push(classified.facts)
        return
      }
      if ((classified.kind === 'command' || classified.kind === 'subscription') && classified.kind === kind) {
        return this.report('not-static', { module: m, node }, `this is the ${kind}'s builder, not its definition`, `pass ${m.source.text.slice(node.start, node.end)}.getDefinition()`)
      }
      const missing = this.unresolvedBuilder(m, node)
      if (missing) return this.report(/does not export/.test(missing) ? 'not-exported' : 'not-static', { module: m, node }, missing, `export the ${kind}'s builder from its file: export const ${kind === 'command' ? 'myCommand' : 'mySubscription'} = …`)
      this.report('not-static', { module: m, node }, `cannot tell which ${kind} this is`, `pass ${kind === 'command' ? 'myCommand' : 'mySubscription'}.getDefinition(), where the builder is a const in your sources`)
    }
    for (const arg of args) visitItem(module, arg)
    return found
  }

  private name(module: ModuleRecord, node: Node, what: string): string | undefined {
    return this.text(this.evaluator.evaluate(module, node), { module, node }, what)
  }

  /** A name that may be left out or written `undefined`, as filterSentFrom's parts are; a version may be a number. */
  private optionalName(module: ModuleRecord, node: Node | undefined, what: string): string | undefined {
    if (!node) return undefined
    const value = this.evaluator.evaluate(module, node)
    if (value === undefined) return undefined
    return typeof value === 'number' ? String(value) : this.text(value, { module, node }, what)
  }

  /** The name of defineResource<'db', Db>(): a type argument, read from the type syntax. */
  private resourceName(module: ModuleRecord, call: Node, site: Site): string | undefined {
    const first = call.typeArguments?.params?.[0]
    if (first?.type === 'TSLiteralType' && typeof first.literal?.value === 'string') return first.literal.value
    this.report('not-static', first ? { module, node: first } : site, 'cannot determine the resource name statically: it is not a string literal type', "name the resource with a string literal, e.g. defineResource<'db', Database>()")
    return undefined
  }

  private version(module: ModuleRecord, node: Node | undefined): string | undefined {
    if (!node) return undefined
    const value = this.evaluator.evaluate(module, node)
    return typeof value === 'number' ? String(value) : this.text(value, { module, node }, 'service version')
  }

  /** A boolean argument that defaults to true, as in adviceDurable(): anything but a literal false is true. */
  private flag(module: ModuleRecord, node: Node | undefined): boolean {
    return node ? this.evaluator.evaluate(module, node) !== false : true
  }

  private optionalText(module: ModuleRecord, node: Node | undefined): string {
    if (!node) return ''
    const value = this.evaluator.evaluate(module, node)
    return typeof value === 'string' ? value : ''
  }

  private text(value: StaticValue, site: Site, what: string): string | undefined {
    if (typeof value === 'string') return value
    this.notStatic(value instanceof NotStatic ? value : undefined, site, what)
    return undefined
  }

  private notStatic(cause: unknown, site: Site, what: string) {
    const reason = cause instanceof NotStatic ? `: it is ${cause.reason}` : ': it is not a string'
    this.report('not-static', site, `cannot determine ${what} statically${reason}`, NAME_HINT)
  }

  report(code: Diagnostic['code'], site: Site, message: string, hint?: string, severity: Diagnostic['severity'] = 'error'): undefined {
    this.diagnostics.push({ severity, code, message, file: site.module.source.relative, ...site.module.source.position(site.node.start), hint })
    return undefined
  }
}
