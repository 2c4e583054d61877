import { pathParameters, pathVariants, routePathProblem } from '../../runtime/http/route-path.ts'
import type { AppModel } from '../model/app-model.ts'
import type { ChainReader, CommandFacts, SubscriptionFacts } from './chains.ts'

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
/** Characters that make a name a path (`../x`, `a/b`) or break a line: names become folders, files, topics and headers. */
const PATH_LIKE = /[/\\]|\.\.|[\x00-\x1f]/

/** Checks across definitions: what no single builder chain can see on its own. */
export function runChecks(reader: ChainReader, used: Set<CommandFacts | SubscriptionFacts>, model: AppModel) {
  const services = new Map<string, (typeof reader.services)[number]>()
  for (const service of reader.services) {
    if (!service.serviceName || !service.serviceVersion) continue
    const id = `${service.serviceName} v${service.serviceVersion}`
    const first = services.get(id)
    if (first) reader.report('duplicate-service', service.site, `${id} is defined twice (also at ${first.site.module.source.relative})`, 'give each service a unique name and version')
    else services.set(id, service)
    for (const [what, name] of [['serviceName', service.serviceName], ['serviceVersion', service.serviceVersion]] as const) {
      if (PATH_LIKE.test(name)) reader.report('invalid-name', service.site, `${what} "${name}" contains path characters (/, \\, ..) or control characters`, 'use letters, digits, - and _, e.g. UserService')
    }
  }

  const commands = new Set(model.services.flatMap((s) => s.commands.map((c) => `${s.serviceName}/${s.serviceVersion}/${c.name}`)))
  const produced = new Set(model.events.filter((e) => e.producers.length).map((e) => e.name))
  const routes = new Map<string, CommandFacts>()

  for (const facts of used) {
    if (facts.name && PATH_LIKE.test(facts.name)) {
      reader.report('invalid-name', facts.site, `${facts.kind} name "${facts.name}" contains path characters (/, \\, ..) or control characters`, 'use letters, digits, - and _, e.g. registerNewUser')
    }
    if (!facts.hasFunction) {
      const setter = facts.kind === 'command' ? 'setCommandFunction' : 'setSubscriptionFunction'
      reader.report('missing-function', facts.site, `${facts.kind} "${facts.name}" has no function`, `end the builder chain with .${setter}(async function (context, payload, parameter) { … })`)
    }
    for (const target of facts.invokes) {
      if (commands.has(`${target.serviceName}/${target.serviceVersion}/${target.command}`)) continue
      reader.report('unknown-invoke-target', target.site, `${target.serviceName} v${target.serviceVersion} has no command "${target.command}"`, `known commands: ${[...commands].filter((c) => c.startsWith(`${target.serviceName}/`)).join(', ') || 'none in that service'}`)
    }
    if (facts.kind === 'subscription') {
      if (!facts.event) reader.report('missing-event', facts.site, `subscription "${facts.name}" subscribes to no event`, "add .subscribeToEvent('eventName')")
      else if (!produced.has(facts.event.name)) {
        reader.report('unheard-event', facts.event.site, `nothing emits "${facts.event.name}", so subscription "${facts.name}" never runs`, 'emit it with setSuccessEventName, canEmit or a subscription output, or fix the name', 'warning')
      }
      continue
    }
    if (!facts.http) continue
    const { method, path, site } = facts.http
    if (!METHODS.has(method)) {
      reader.report('invalid-route', site, `unsupported HTTP method "${method}"`, `use one of ${[...METHODS].join(', ')}`)
      continue
    }
    const problem = routePathProblem(path)
    if (problem) {
      reader.report('invalid-route', site, `invalid path "${path}": ${problem}`, 'use segments of letters, digits and - . _ ~, :name for path parameters and :name? for optional last ones, e.g. users/:userId or foo-bar/:p/:q?')
      continue
    }
    const missing = facts.parameterSchema?.keys && pathParameters(path).filter((p) => !facts.parameterSchema!.keys!.has(p.name))
    if (missing?.length) {
      const names = missing.map((p) => p.name)
      reader.report(
        'missing-path-parameter',
        facts.parameterSchema!.site,
        `the parameter schema of "${facts.name}" lacks ${names.map((n) => `:${n}`).join(', ')} of ${method} ${path}, so validation would drop ${names.length === 1 ? 'it' : 'them'} before the function runs`,
        `add ${names.map((n) => `${n}: z.string()`).join(', ')} to the schema passed to addParameterSchema`,
      )
    }
    // An optional parameter serves several paths: each may collide with another route.
    for (const variant of pathVariants(path)) {
      const key = `${method} /api/v${facts.service.serviceVersion}/${variant.replace(/:\w+/g, ':')}`
      const first = routes.get(key)
      if (first) {
        reader.report('duplicate-route', site, `${method} /api/v${facts.service.serviceVersion}/${variant} is also served by ${first.service.serviceName}.${first.name} (${first.site.module.source.relative})`, 'change the path or the method of one of them')
        break
      }
      routes.set(key, facts)
    }
  }
}
