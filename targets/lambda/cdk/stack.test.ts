import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { App, CfnResource } from 'aws-cdk-lib'
import { Match, Template } from 'aws-cdk-lib/assertions'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { build } from '../../../cli/build.ts'
import type { AppModel, CommandModel, ServiceModel, SubscriptionModel } from '../../../compiler/model/app-model.ts'
import { REPO } from '../../../e2e/helpers.ts'
import { OTEL_SETTINGS } from '../../shared/tracing.ts'
import { apiGatewayPaths, type Wiring } from '../wiring.ts'
// @ts-expect-error the generated stack is plain JavaScript (it ships in dist/lambda/cdk)
import { PuristaStack, readWiring } from './stack.mjs'

const VALIDATE = { '@aws-cdk/core:validateAgainstDefaultRules': true }

/** Builds a fixture for the lambda target and synthesizes its stack with CloudFormation validation on (and the context given, as cdk -c does). */
function synthesized(configPath: string, context: Record<string, string> = {}) {
  const result = {} as { model: AppModel; template: Template; wiring: Wiring; id: (name: string) => string }
  let outDir: string
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'purista-cdk-'))
    const report = await build({ configPath, target: 'lambda', outDir })
    expect(report.diagnostics).toEqual([])
    result.model = report.model!
    result.wiring = readWiring(join(outDir, 'lambda/cdk/wiring.json'))
    const app = new App({ context: { ...VALIDATE, ...context }, outdir: join(outDir, 'cdk.out') })
    const stack = new PuristaStack(app, result.wiring.stackName, { wiring: result.wiring, functionsDir: join(outDir, 'lambda/functions') })
    // A template CloudFormation's schema rejects fails here.
    app.synth()
    result.template = Template.fromStack(stack)
    result.id = (name: string) => stack.getLogicalId(stack.node.findChild(name).node.defaultChild)
  }, 60_000)
  afterAll(() => rmSync(outDir, { recursive: true, force: true }))
  return result
}

const definitions = (model: AppModel) => model.services.flatMap((s) => [...s.commands.map((c) => ({ s, d: c as CommandModel | SubscriptionModel, kind: 'command' })), ...s.subscriptions.map((d) => ({ s, d, kind: 'subscription' }))])
const name = (s: ServiceModel, d: { name: string }) => `${s.serviceName}-v${s.serviceVersion}-${d.name}`
const STATE_ACTIONS = { getState: 'dynamodb:BatchGetItem', setState: 'dynamodb:PutItem', removeState: 'dynamodb:DeleteItem' } as const

/** The actions each function's role must have, derived from what the analyzer saw it declare and the stores the config names. */
function expectedActions(d: CommandModel | SubscriptionModel, kind: string, stores: Wiring['functions'][number]): string[] {
  const emits = ('successEvent' in d && d.successEvent) || ('outputEvent' in d && d.outputEvent) || d.emits.length > 0
  return [
    ...(emits ? ['events:PutEvents'] : []),
    ...(d.invokes.length ? ['lambda:InvokeFunction'] : []),
    ...d.stateMethods.map((method) => STATE_ACTIONS[method]),
    ...(stores.secrets.length ? ['secretsmanager:GetSecretValue'] : []),
    ...(stores.parameters.length ? ['ssm:GetParameter'] : []),
    // A subscription's function sends what keeps failing to its dead-letter queue.
    ...(kind === 'subscription' ? ['sqs:SendMessage'] : []),
  ].sort()
}

for (const fixture of [
  { label: 'user-email', config: join(REPO, 'purista.config.ts') },
  { label: 'shop', config: join(REPO, 'fixtures/shop/purista.config.ts') },
  { label: 'fullexample', config: join(REPO, 'fixtures/fullexample/purista.config.ts') },
]) {
  describe(`CDK stack of ${fixture.label} (synthesized offline, CloudFormation validation on)`, () => {
    const s = synthesized(fixture.config)

    test('one function per command and per subscription, and the app routes\' one: nodejs22.x on arm64, with a log group that expires', () => {
      const count = definitions(s.model).length + 1
      s.template.resourceCountIs('AWS::Lambda::Function', count)
      s.template.allResourcesProperties('AWS::Lambda::Function', { Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler', MemorySize: 256, Timeout: 10 })
      s.template.resourceCountIs('AWS::Logs::LogGroup', count)
      s.template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 14 })
    })

    test('one route per path of each exposed command, with its method, to its function', () => {
      const exposed = definitions(s.model).filter(({ d }) => 'http' in d && d.http)
      s.template.resourceCountIs('AWS::ApiGatewayV2::Route', exposed.flatMap(({ d }) => apiGatewayPaths((d as CommandModel).http!.path)).length + s.wiring.appRoutes.paths.length)
      for (const { s: service, d } of exposed) {
        const http = (d as CommandModel).http!
        const integration = s.template.findResources('AWS::ApiGatewayV2::Integration', { Properties: { IntegrationUri: { 'Fn::GetAtt': [s.id(name(service, d)), 'Arn'] }, PayloadFormatVersion: '2.0' } })
        expect(Object.keys(integration)).toHaveLength(1)
        for (const path of apiGatewayPaths(http.path)) {
          s.template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
            RouteKey: `${http.method} ${path}`,
            Target: { 'Fn::Join': ['', ['integrations/', { Ref: Object.keys(integration)[0] }]] },
          })
        }
      }
    })

    test('GET /api/openapi.json and /healthz go to the app routes\' function, which may do nothing but log', () => {
      const fnId = s.id(s.wiring.appRoutes.name)
      const integration = Object.keys(s.template.findResources('AWS::ApiGatewayV2::Integration', { Properties: { IntegrationUri: { 'Fn::GetAtt': [fnId, 'Arn'] } } }))
      expect(integration).toHaveLength(1)
      for (const path of ['/api/openapi.json', '/healthz']) {
        s.template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: `GET ${path}`, Target: { 'Fn::Join': ['', ['integrations/', { Ref: integration[0] }]] } })
      }
      const roleRef = s.template.findResources('AWS::Lambda::Function')[fnId]!.Properties.Role['Fn::GetAtt'][0]
      const policies = Object.values(s.template.findResources('AWS::IAM::Policy')).filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleRef))
      expect(policies).toEqual([])
    })

    test('one rule per subscription on the app bus, matching exactly its event, with retries and a dead-letter queue', () => {
      const subscriptions = definitions(s.model).filter(({ kind }) => kind === 'subscription')
      s.template.resourceCountIs('AWS::Events::Rule', subscriptions.length)
      s.template.resourceCountIs('AWS::SQS::Queue', subscriptions.length)
      for (const { s: service, d } of subscriptions) {
        const subscription = d as SubscriptionModel
        s.template.hasResourceProperties('AWS::Events::Rule', {
          EventBusName: { Ref: Match.anyValue() },
          EventPattern: {
            source: ['purista'],
            'detail-type': [subscription.event],
            ...(subscription.eventServiceVersion ? { detail: { sender: { serviceVersion: [subscription.eventServiceVersion] } } } : {}),
          },
          // A durable subscription gets every retry EventBridge allows for a day; any other, none. Both dead-letter.
          Targets: [
            Match.objectLike({
              Arn: { 'Fn::GetAtt': [s.id(name(service, d)), 'Arn'] },
              RetryPolicy: subscription.durable ? { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 } : { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
              DeadLetterConfig: { Arn: Match.anyValue() },
            }),
          ],
        })
      }
    })

    test('IAM is exactly what each function declared, on exactly its resources, with no wildcard action', () => {
      const policies = s.template.findResources('AWS::IAM::Policy')
      const roles = s.template.findResources('AWS::Lambda::Function')
      for (const { s: service, d, kind } of definitions(s.model)) {
        const fnId = s.id(name(service, d))
        const roleRef = roles[fnId]!.Properties.Role['Fn::GetAtt'][0]
        const statements = Object.values(policies)
          .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleRef))
          .flatMap((p) => p.Properties.PolicyDocument.Statement)
        const actions = [...new Set(statements.flatMap((st: { Action: string | string[] }) => [st.Action].flat()))].sort()
        expect(actions, name(service, d)).toEqual(expectedActions(d, kind, s.wiring.functions.find((f) => f.name === name(service, d))!))
        for (const target of d.invokes) {
          const calleeArn = { 'Fn::GetAtt': [s.id(`${target.serviceName}-v${target.serviceVersion}-${target.command}`), 'Arn'] }
          const invokable = statements.filter((st: { Action: string }) => st.Action === 'lambda:InvokeFunction').flatMap((st: { Resource: unknown }) => [st.Resource].flat())
          expect(invokable).toContainEqual(calleeArn)
        }
      }
      const everyAction = JSON.stringify(s.template.toJSON()).match(/"Action":(\[[^\]]*\]|"[^"]*")/g) ?? []
      expect(everyAction.length).toBeGreaterThan(0)
      for (const action of everyAction) expect(action).not.toContain('*')
    })

    test('state: a function that only reads it may only read the table (getOrder, getUser: BatchGetItem), one that writes it may write', () => {
      const tableActions = (fn: string) => {
        const roleRef = s.template.findResources('AWS::Lambda::Function')[s.id(fn)]!.Properties.Role['Fn::GetAtt'][0]
        return Object.values(s.template.findResources('AWS::IAM::Policy'))
          .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleRef))
          .flatMap((p) => p.Properties.PolicyDocument.Statement)
          .filter((st: { Action: string | string[] }) => [st.Action].flat().some((a) => a.startsWith('dynamodb:')))
          .flatMap((st: { Action: string | string[] }) => [st.Action].flat())
          .sort()
      }
      const byState = definitions(s.model).filter(({ d }) => d.usesState)
      const readers = byState.filter(({ d }) => d.stateMethods.join() === 'getState')
      const writers = byState.filter(({ d }) => d.stateMethods.includes('setState'))
      // Both kinds are in each fixture, so both sides of the split are shown.
      expect(readers.length).toBeGreaterThan(0)
      expect(writers.length).toBeGreaterThan(0)
      for (const { s: service, d } of readers) expect(tableActions(name(service, d)), name(service, d)).toEqual(['dynamodb:BatchGetItem'])
      for (const { s: service, d } of writers) expect(tableActions(name(service, d)), name(service, d)).toContain('dynamodb:PutItem')
    })

    test('outputs name the API URL and the bus', () => {
      s.template.hasOutput('ApiUrl', Match.anyValue())
      s.template.hasOutput('EventBusName', Match.anyValue())
    })
  })
}

describe('secrets and configs from Secrets Manager and SSM (fixtures/fullexample)', () => {
  const s = synthesized(join(REPO, 'fixtures/fullexample/purista.config.ts'))
  const statementsOf = (fn: string) => {
    const roleRef = s.template.findResources('AWS::Lambda::Function')[s.id(fn)]!.Properties.Role['Fn::GetAtt'][0]
    return Object.values(s.template.findResources('AWS::IAM::Policy'))
      .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleRef))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
  }
  const arn = (service: string, resource: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:${service}:`, { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, resource]] })

  test('only the function whose code reads them may read them, and only the names it reads', () => {
    const publish = statementsOf('Article-v1-publishArticle')
    expect(publish).toContainEqual({ Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: arn('secretsmanager', ':secret:signingKey-??????') })
    expect(publish).toContainEqual({ Action: 'ssm:GetParameter', Effect: 'Allow', Resource: arn('ssm', ':parameter/siteName') })
    for (const other of ['Article-v1-getArticles', 'Article-v1-indexArticle']) {
      const actions = statementsOf(other).flatMap((st: { Action: string | string[] }) => [st.Action].flat())
      expect(actions.filter((a: string) => /^(secretsmanager|ssm):/.test(a)), other).toEqual([])
    }
  })
})

describe('OTEL_* export settings from the CDK context (cdk deploy -c OTEL_EXPORTER_OTLP_ENDPOINT=…)', () => {
  const context = { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otlp.example.com', OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25', OTEL_EXPORTER_OTLP_TIMEOUT: '1000' }
  const environmentsOf = (s: ReturnType<typeof synthesized>) =>
    Object.fromEntries(s.wiring.functions.map((f) => [f.name, s.template.findResources('AWS::Lambda::Function')[s.id(f.name)]!.Properties.Environment?.Variables ?? {}]))
  const otelOf = (variables: Record<string, string>) => Object.fromEntries(Object.entries(variables).filter(([name]) => name.startsWith('OTEL_')))

  describe('a traced build', () => {
    const s = synthesized(join(REPO, 'fixtures/user-email/purista.traced.config.ts'), context)
    test('gives every function the settings given, only the export settings purista passes on, and the headers from the stack parameter', () => {
      const { OTEL_EXPORTER_OTLP_TIMEOUT: _notPassedOn, ...passedOn } = context
      for (const [fn, variables] of Object.entries(environmentsOf(s))) expect(otelOf(variables), fn).toEqual({ ...passedOn, OTEL_EXPORTER_OTLP_HEADERS: { Ref: 'OtelExporterOtlpHeaders' } })
    })
    test('the headers, which can carry an API key, are a NoEcho parameter: the template holds no value of them', () => {
      s.template.hasParameter('OtelExporterOtlpHeaders', { Type: 'String', NoEcho: true, Default: '' })
    })
  })

  test('headers given as context fail the synth instead of landing in the template in plain text', () => {
    const app = new App({ context: { OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=secret' } })
    const wiring = { wiringVersion: 2, app: 'traced', stackName: 'Traced', runtime: 'nodejs22.x', architecture: 'arm64', logRetentionDays: 14, stateTable: false, functions: [], variables: {}, otelSettings: OTEL_SETTINGS }
    expect(() => new PuristaStack(app, 'Traced', { wiring })).toThrow(/--parameters OtelExporterOtlpHeaders=/)
  })

  describe('a build without tracing', () => {
    const s = synthesized(join(REPO, 'purista.config.ts'), context)
    test('sets none of them and asks for no headers parameter: its functions carry no SDK to read them', () => {
      for (const [fn, variables] of Object.entries(environmentsOf(s))) expect(otelOf(variables), fn).toEqual({})
      expect(s.template.findParameters('OtelExporterOtlpHeaders')).toEqual({})
    })
  })
})

test('a template that breaks the CloudFormation schema fails the synth', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'purista-cdk-bad-'))
  try {
    const app = new App({ context: VALIDATE, outdir })
    const wiring = { wiringVersion: 2, app: 'bad', stackName: 'Bad', runtime: 'nodejs22.x', architecture: 'arm64', logRetentionDays: 14, stateTable: false, functions: [], variables: {}, otelSettings: [] }
    const stack = new PuristaStack(app, 'Bad', { wiring })
    new CfnResource(stack, 'Broken', { type: 'AWS::Lambda::Function', properties: { Runtime: 'nodejs22.x', MemorySize: 'lots' } })
    expect(() => app.synth()).toThrow(/MemorySize: 'lots' is not of type 'integer'/)
  } finally {
    rmSync(outdir, { recursive: true, force: true })
  }
})

test('a route with an optional parameter is two HttpApi routes to one integration of its function', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'purista-cdk-optional-'))
  try {
    mkdirSync(join(outdir, 'functions/Delay-v1-fooBar'), { recursive: true })
    writeFileSync(join(outdir, 'functions/Delay-v1-fooBar/index.mjs'), 'export const handler = () => {}\n')
    const fooBar = { name: 'Delay-v1-fooBar', kind: 'command', service: { name: 'Delay', version: '1' }, memoryMb: 256, timeoutSeconds: 10, environment: {}, route: { method: 'GET', paths: apiGatewayPaths('/api/v1/foo-bar/:p/:q?') }, rule: null, emits: false, invokes: [], usesState: false, stateMethods: [], secrets: [], parameters: [] }
    const functions = [fooBar as Wiring['functions'][number]]
    const wiring = { wiringVersion: 2, app: 'delay', stackName: 'Delay', runtime: 'nodejs22.x', architecture: 'arm64', logRetentionDays: 14, stateTable: false, functions, variables: { eventBus: 'BUS', stateTable: 'TABLE', stateKey: 'key' }, otelSettings: [] }
    const app = new App({ context: VALIDATE, outdir: join(outdir, 'cdk.out') })
    const stack = new PuristaStack(app, 'Delay', { wiring, functionsDir: join(outdir, 'functions') })
    app.synth()
    const template = Template.fromStack(stack)
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1)
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey)
    expect(routes).toEqual(['GET /api/v1/foo-bar/{p}', 'GET /api/v1/foo-bar/{p}/{q}'])
  } finally {
    rmSync(outdir, { recursive: true, force: true })
  }
})
