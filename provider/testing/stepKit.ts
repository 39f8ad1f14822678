/**
 * Shared parts of the engine's resource steps: the step context, RPC recording, the engine's
 * `diffResource`, Check with secret re-marking, and how new state is built.
 */
import type { ProviderClient } from "./client";
import { ProviderRpcError } from "./errors";
import { applyIgnoreChanges, pathContains } from "./paths";
import type { Registration, ResourceState, RpcCall, StepOp, StepResult } from "./types";
import {
  PropertyMap,
  annotateSecrets,
  changedKeys,
  mapFromWire,
  markSecretOutputs,
  plain,
} from "./values";

/** What a step needs: the client, preview mode, and where to record RPCs. */
export interface StepContext {
  /** The host client. */
  client: ProviderClient;
  /** True in a preview: Create, Update and Delete are not called. */
  preview: boolean;
  /** Receives each RPC sent. */
  rpcs: RpcCall[];
}

/** The outcome of a step: what to show, and what to keep in the state. */
export interface StepOutcome {
  /** The step as displayed. */
  step: StepResult;
  /** The resource's new state; `null` removes it; `undefined` leaves the old state in place. */
  state?: ResourceState | null;
  /** The old half of a create-before-delete replacement, to delete after all other steps. */
  pendingDelete?: ResourceState;
}

const PROVIDER_KEY = "__provider";

/** Sends one RPC and records it in the operation's RPC list. */
export function rpc<T>(
  ctx: StepContext,
  method: RpcCall["method"],
  urn: string,
  call: () => Promise<T>,
): Promise<T> {
  ctx.rpcs.push({ method, urn });
  return call();
}

function messageOf(err: unknown): string {
  if (err instanceof ProviderRpcError) {
    return err.details;
  }
  return err instanceof Error ? err.message : String(err);
}

/** A step that failed: shown with the provider's message, and the state left as it was. */
export function failed(
  base: Pick<StepResult, "urn" | "name" | "type">,
  op: StepOp,
  err: unknown,
  extra: Partial<StepResult> = {},
): StepOutcome {
  return { step: { ...base, op, diffKeys: [], ...extra, error: messageOf(err) } };
}

/** Keys the CLI shows as changed: input diffs, `__provider` only when it is the only change. */
export function displayDiffKeys(olds: PropertyMap, news: PropertyMap): string[] {
  const keys = changedKeys(olds, news);
  const withoutProvider = keys.filter((k) => k !== PROVIDER_KEY);
  return withoutProvider.length > 0 ? withoutProvider : keys;
}

/** Outputs as the engine stores them: secret like same-named inputs, plus `additionalSecretOutputs`. */
export function storedOutputs(
  outs: PropertyMap,
  ins: PropertyMap,
  additional: readonly string[],
): PropertyMap {
  return markSecretOutputs(annotateSecrets(outs, ins), additional);
}

/** The state the engine keeps for a resource after a step that produced `outputs`. */
export function newState(
  reg: Registration,
  id: string,
  inputs: PropertyMap,
  outputs: PropertyMap,
): ResourceState {
  return {
    urn: reg.urn,
    type: reg.type,
    name: reg.name,
    id,
    inputs,
    outputs: storedOutputs(outputs, inputs, reg.additionalSecretOutputs ?? []),
    protect: reg.protect,
    retainOnDelete: reg.retainOnDelete,
    ignoreChanges: reg.ignoreChanges,
    additionalSecretOutputs: reg.additionalSecretOutputs ?? [],
    dependencies: reg.dependencies ?? [],
  };
}

/** The engine's reading of a Diff. */
export interface EngineDiff {
  /** Whether there are changes (DIFF_UNKNOWN resolved by comparing inputs). */
  changes: boolean;
  /** Keys that force a replacement (`replaces`, plus `replaceOnChanges` matches). */
  replaceKeys: string[];
  /** Whether the provider asked for delete-before-replace. */
  deleteBeforeReplace: boolean;
}

/** The engine's `diffResource`: ask the provider; on DIFF_UNKNOWN compare old and new inputs. */
export async function diffResource(
  ctx: StepContext,
  urn: string,
  id: string,
  oldInputs: PropertyMap,
  oldOutputs: PropertyMap,
  newInputs: PropertyMap,
  ignoreChanges: readonly string[],
  replaceOnChanges: readonly string[] = [],
): Promise<EngineDiff> {
  const diff = await rpc(ctx, "Diff", urn, () =>
    ctx.client.diff({
      id,
      urn,
      olds: plain(oldOutputs),
      news: plain(newInputs),
      oldInputs: plain(oldInputs),
      ignoreChanges: [...ignoreChanges],
    }),
  );
  let changes = diff.changes === "some";
  let changed = diff.diffs;
  if (diff.changes === "unknown") {
    changed = changedKeys(oldInputs, applyIgnoreChanges(newInputs, oldInputs, ignoreChanges));
    changes = changed.length > 0;
  }
  // replaceOnChanges only sees the keys the diff named: none from the Node host's DIFF_SOME.
  const forced = changes
    ? changed.filter((key) => replaceOnChanges.some((path) => pathContains(path, key)))
    : [];
  return {
    changes,
    replaceKeys: [...new Set([...diff.replaces, ...forced])],
    deleteBeforeReplace: diff.deleteBeforeReplace,
  };
}

/** Check(olds, news) with secrets stripped; the checked inputs get the secretness of `news` back. */
export async function check(
  ctx: StepContext,
  reg: Registration,
  olds: PropertyMap,
  news: PropertyMap,
): Promise<{ inputs: PropertyMap; failures: StepResult["checkFailures"] }> {
  const res = await rpc(ctx, "Check", reg.urn, () =>
    ctx.client.check(reg.urn, plain(olds), plain(news)),
  );
  // The provider saw plaintext; keep the secretness of the program's inputs.
  return { inputs: annotateSecrets(mapFromWire(res.inputs), news), failures: res.failures };
}

/** The step error for check failures: `<type> resource '<name>' has check failures: p: reason`. */
export function checkError(
  reg: Registration,
  failures: NonNullable<StepResult["checkFailures"]>,
): string {
  const list = failures.map((f) => (f.property ? `${f.property}: ${f.reason}` : f.reason));
  return `${reg.type} resource '${reg.name}' has check failures: ${list.join("; ")}`;
}
