/**
 * PURISTA builder methods purista does not have yet, declared for the types only (nothing here
 * ships): PURISTA code type-checks, editors strike the calls through with the reason, and
 * `purista build` fails on each call with an unsupported-method error that names it and says what
 * to do meanwhile (compiler/analyze/builder-methods.ts), instead of a TypeError when the module loads.
 * Setters return the builder, so the rest of a chain keeps its types.
 */
export interface NotYetCommandMethods {
  /** @deprecated not supported by purista yet: each broker acknowledges as it can (see the README). */
  adviceAutoacknowledgeMessages(...args: any[]): this
}

export interface NotYetSubscriptionMethods {
  /** @deprecated not supported on subscriptions yet (commands have it): convert the payload at the start of the function. */
  setTransformInput(...args: any[]): this
  /** @deprecated not supported on subscriptions yet (commands have it): convert the result before returning it. */
  setTransformOutput(...args: any[]): this
  /** @deprecated not supported on subscriptions yet: they have no transform hooks. */
  getTransformInputFunction(...args: any[]): unknown
  /** @deprecated not supported on subscriptions yet: they have no transform hooks. */
  getTransformOutputFunction(...args: any[]): unknown
  /** @deprecated not supported on subscriptions yet (commands have it): check at the start of the function and throw a HandledError. */
  setBeforeGuardHooks(...args: any[]): this
  /** @deprecated not supported on subscriptions yet (commands have it): check the result in the function. */
  setAfterGuardHooks(...args: any[]): this
}
