/** Public data types of the engine-protocol driver. */
import type { HostLine } from "./host";
import type { PropertyMap } from "./values";

/** One resource registration, as the program sends it to the engine (RegisterResource/ReadResource). */
export interface Registration {
  /** The type token, e.g. `pulumi-nodejs:dynamic/genesys:OAuthClient`. */
  type: string;
  /** The logical name. */
  name: string;
  /** The URN the engine gives the resource. */
  urn: string;
  /** The inputs, `__provider` included, secrets as `Secret`, unknowns as `UNKNOWN`. */
  inputs: PropertyMap;
  /** The parent URN (empty for children of the root stack). */
  parent?: string;
  /** For a `.get()` read (`opts.id`): the ID to read. The engine runs a ReadStep. */
  readId?: string;
  /** For the `import` option: the ID to import. The engine runs an ImportStep. */
  importId?: string;
  /** URNs this resource depends on (explicit `dependsOn` plus those found in its inputs). */
  dependencies?: string[];
  /** Per input key, the URNs the value came from. */
  propertyDependencies?: Record<string, string[]>;
  /** The `protect` option. */
  protect?: boolean;
  /** The `ignoreChanges` option (top-level keys or dotted paths). */
  ignoreChanges?: string[];
  /** The `replaceOnChanges` option (top-level keys or dotted paths). */
  replaceOnChanges?: string[];
  /** The `additionalSecretOutputs` option. */
  additionalSecretOutputs?: string[];
  /** The `deleteBeforeReplace` option, when set. */
  deleteBeforeReplace?: boolean;
  /** The `retainOnDelete` option. */
  retainOnDelete?: boolean;
}

/** One resource as the emulated engine keeps it in its state. */
export interface ResourceState {
  /** The URN. */
  urn: string;
  /** The type token. */
  type: string;
  /** The logical name. */
  name: string;
  /** The provider-assigned ID. */
  id: string;
  /** The inputs (checked), `__provider` included, secrets as `Secret`. */
  inputs: PropertyMap;
  /** The outputs, `__provider` included (the code Read and Delete run), secrets as `Secret`. */
  outputs: PropertyMap;
  /** Reasons of a partial failure (`ErrorResourceInitFailed`); the next `up` runs an Update. */
  initErrors?: string[];
  /** True for a resource read with `.get()`: the engine never deletes it through the provider. */
  external?: boolean;
  /** True for the old half of a replacement whose delete has not run yet. */
  pendingDelete?: boolean;
  /** The `protect` option. */
  protect?: boolean;
  /** The `retainOnDelete` option. */
  retainOnDelete?: boolean;
  /** The `ignoreChanges` option. */
  ignoreChanges?: string[];
  /** The `additionalSecretOutputs` option, re-applied whenever the outputs change. */
  additionalSecretOutputs: string[];
  /** URNs this resource depends on. */
  dependencies: string[];
}

/** What happened to one resource, as `pulumi preview`/`up`/`refresh`/`destroy` shows it. */
export type StepOp =
  | "create"
  | "update"
  | "same"
  | "delete"
  | "read"
  | "replace"
  | "import"
  | "read-discard"
  | "refresh-update"
  | "refresh-delete"
  | "refresh-same";

/** A `check` failure reported by the provider. */
export interface CheckFailure {
  /** The input property at fault (may be empty). */
  property: string;
  /** Why the value is rejected. */
  reason: string;
}

/** One resource step of an operation. */
export interface StepResult {
  /** The resource URN. */
  urn: string;
  /** The logical name. */
  name: string;
  /** The type token. */
  type: string;
  /** The operation. */
  op: StepOp;
  /**
   * Keys the CLI shows as changed (`[diff: ~a ~b]`): input keys whose values differ between the
   * old inputs and the new checked inputs, ignoring `__provider` unless it is the only change.
   */
  diffKeys: string[];
  /** For a replacement: the keys the provider said force it. */
  replaceKeys?: string[];
  /** For a replacement: whether the old resource was deleted before the new one was created. */
  deleteBeforeReplace?: boolean;
  /** Failures returned by `check`; the step fails. */
  checkFailures?: CheckFailure[];
  /** The error the step failed with, as the CLI prints it (no secret values added). */
  error?: string;
  /** Reasons of a partial failure: the resource was created or updated but is not healthy. */
  initErrors?: string[];
  /** The resource ID after the step (a preview create has none). */
  id?: string;
  /** The outputs after the step (a preview plans `outputs = checked inputs`). */
  outputs?: PropertyMap;
}

/** The kind of operation run. */
export type OperationKind = "preview" | "up" | "refresh" | "destroy" | "get";

/** One RPC the emulated engine sent to the host during an operation. */
export interface RpcCall {
  /** The RPC method, e.g. `Check`. */
  method: "Check" | "Diff" | "Create" | "Read" | "Update" | "Delete";
  /** The resource URN. */
  urn: string;
}

/** The outcome of an operation: what the CLI would print, plus the host's diagnostics. */
export interface OperationResult {
  /** The operation run. */
  operation: OperationKind;
  /** True if nothing was persisted (preview, or a `preview: true` refresh/destroy). */
  preview: boolean;
  /** The steps, in the order they completed (refresh steps first for `--refresh`). */
  steps: StepResult[];
  /** Counts per op of the steps that succeeded, e.g. `{ create: 1, same: 2 }` (zeros absent). */
  summary: Partial<Record<StepOp, number>>;
  /** False if any step failed. */
  ok: boolean;
  /** The step errors, `<urn>: <message>`. */
  errors: string[];
  /** Lines the host printed during the operation (the CLI shows them as diagnostics). */
  diagnostics: HostLine[];
  /** The RPCs sent to the host, in order. */
  rpcs: RpcCall[];
  /** Stack outputs of the program, when the operation ran a captured program. */
  stackOutputs?: PropertyMap;
}
