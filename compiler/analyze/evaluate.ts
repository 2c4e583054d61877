import { FRAMEWORK_CONSTANTS, FRAMEWORK_SPECIFIERS } from './framework.ts'
import type { Declaration, ModuleGraph, ModuleRecord, Node } from './modules.ts'

/** A value that cannot be known without running the code, and the place that made it so. */
export class NotStatic {
  constructor(
    readonly module: ModuleRecord,
    readonly node: Node,
    readonly reason: string,
  ) {}
}

export type StaticValue = string | number | boolean | null | undefined | NotStatic | StaticValue[] | { [key: string]: StaticValue }

const TRANSPARENT = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'ParenthesizedExpression'])

const BINARY: Record<string, (a: any, b: any) => StaticValue> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
}

/** The first value inside `value` that could not be determined, if any. */
export function findNotStatic(value: StaticValue): NotStatic | undefined {
  if (value instanceof NotStatic) return value
  if (value === null || typeof value !== 'object') return undefined
  for (const inner of Object.values(value)) {
    const found = findNotStatic(inner)
    if (found) return found
  }
  return undefined
}

export const unwrap = (node: Node): Node => (TRANSPARENT.has(node.type) ? unwrap(node.expression) : node)

/**
 * Evaluates the constant expressions names are written with: literals, templates, `as const`
 * objects, enums and constants imported from other files. Anything else is NotStatic.
 */
export class Evaluator {
  private readonly cache = new Map<Declaration, StaticValue>()
  private readonly active = new Set<Declaration>()

  constructor(private readonly graph: ModuleGraph) {}

  evaluate(module: ModuleRecord, raw: Node): StaticValue {
    const node = unwrap(raw)
    switch (node.type) {
      case 'Literal':
        return node.value instanceof RegExp || typeof node.value === 'bigint' ? new NotStatic(module, node, 'a regular expression or bigint') : node.value
      case 'TemplateLiteral': {
        let text = node.quasis[0].value.cooked
        for (let i = 0; i < node.expressions.length; i++) {
          const part = this.evaluate(module, node.expressions[i])
          if (part instanceof NotStatic) return part
          text += String(part) + node.quasis[i + 1].value.cooked
        }
        return text
      }
      case 'Identifier':
        return node.name === 'undefined' ? undefined : this.identifier(module, node)
      case 'MemberExpression':
        return this.member(module, node)
      case 'ObjectExpression':
        return this.object(module, node)
      case 'ArrayExpression':
        return node.elements.map((e: Node | null) => (e ? this.evaluate(module, e) : undefined))
      case 'UnaryExpression': {
        const value = this.evaluate(module, node.argument)
        if (value instanceof NotStatic) return value
        if (node.operator === '-' && typeof value === 'number') return -value
        if (node.operator === '!') return !value
        return new NotStatic(module, node, `the operator ${node.operator}`)
      }
      case 'BinaryExpression': {
        const operate = BINARY[node.operator]
        if (!operate) return new NotStatic(module, node, `the operator ${node.operator}`)
        const left = this.evaluate(module, node.left)
        if (left instanceof NotStatic) return left
        const right = this.evaluate(module, node.right)
        if (right instanceof NotStatic) return right
        return operate(left as any, right as any)
      }
      default:
        return new NotStatic(module, node, describe(node))
    }
  }

  private identifier(module: ModuleRecord, node: Node): StaticValue {
    const binding = this.graph.resolveBinding(module, node.name)
    if (binding.kind === 'declaration') return this.declaration(binding.declaration, module, node)
    if (binding.kind === 'namespace') return this.namespace(binding.module)
    if (binding.kind === 'external') {
      if (FRAMEWORK_SPECIFIERS.has(binding.specifier) && Object.hasOwn(FRAMEWORK_CONSTANTS, binding.imported)) return FRAMEWORK_CONSTANTS[binding.imported]
      return new NotStatic(module, node, `"${node.name}" comes from the package ${binding.specifier}`)
    }
    return new NotStatic(module, node, binding.reason)
  }

  private declaration(declaration: Declaration, usedIn: ModuleRecord, usedAt: Node): StaticValue {
    if (this.cache.has(declaration)) return this.cache.get(declaration)!
    if (this.active.has(declaration)) return new NotStatic(usedIn, usedAt, `"${declaration.name}" refers to itself`)
    this.active.add(declaration)
    let value: StaticValue
    if (declaration.kind === 'enum') value = this.enumValue(declaration)
    else if (declaration.kind === 'const' && declaration.init) value = this.evaluate(declaration.module, declaration.init)
    else value = new NotStatic(usedIn, usedAt, `"${declaration.name}" is not a const with a constant value`)
    this.active.delete(declaration)
    this.cache.set(declaration, value)
    return value
  }

  private enumValue(declaration: Declaration): StaticValue {
    const result: Record<string, StaticValue> = {}
    let next = 0
    for (const member of declaration.node.body.members as Node[]) {
      const key = member.id.type === 'Identifier' ? member.id.name : String(member.id.value)
      const value = member.initializer ? this.evaluate(declaration.module, member.initializer) : next
      result[key] = value
      if (typeof value === 'number') next = value + 1
    }
    return result
  }

  /** `import * as names from './names.js'` evaluates member by member, on access. */
  private namespace(module: ModuleRecord): StaticValue {
    const graph = this.graph
    const evaluator = this
    return new Proxy({} as Record<string, StaticValue>, {
      get(_target, key) {
        if (typeof key !== 'string') return undefined
        const binding = graph.resolveExport(module, key)
        if (binding.kind !== 'declaration') return new NotStatic(module, module.source.program as unknown as Node, `${module.source.relative} has no constant export "${key}"`)
        return evaluator.declaration(binding.declaration, module, binding.declaration.node)
      },
    })
  }

  private member(module: ModuleRecord, node: Node): StaticValue {
    const object = this.evaluate(module, node.object)
    if (object instanceof NotStatic) return object
    let key: StaticValue
    if (node.computed) {
      key = this.evaluate(module, node.property)
      if (key instanceof NotStatic) return key
    } else {
      key = node.property.name
    }
    if (object === null || typeof object !== 'object') return new NotStatic(module, node, 'a property of something that is not a constant object')
    const value = (object as Record<string, StaticValue>)[String(key)]
    return value === undefined && !Array.isArray(object) && !(String(key) in object)
      ? new NotStatic(module, node.property, `the constant object has no property "${String(key)}"`)
      : value
  }

  private object(module: ModuleRecord, node: Node): StaticValue {
    const result: Record<string, StaticValue> = {}
    for (const property of node.properties as Node[]) {
      if (property.type === 'SpreadElement') {
        const spread = this.evaluate(module, property.argument)
        if (spread instanceof NotStatic) return spread
        Object.assign(result, spread)
        continue
      }
      let key: StaticValue
      if (property.computed) key = this.evaluate(module, property.key)
      else key = property.key.type === 'Identifier' ? property.key.name : property.key.value
      if (key instanceof NotStatic) return key
      // Values are kept even when not static: only the properties that are read must be.
      result[String(key)] = property.method ? new NotStatic(module, property, 'a method') : this.evaluate(module, property.value)
    }
    return result
  }
}

function describe(node: Node): string {
  switch (node.type) {
    case 'CallExpression':
      return 'the result of a function call'
    case 'ConditionalExpression':
      return 'a conditional expression'
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return 'a function'
    case 'NewExpression':
      return 'a constructed object'
    default:
      return `an expression of type ${node.type}`
  }
}
