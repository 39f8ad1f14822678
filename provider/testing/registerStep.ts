/**
 * The engine's step for a program registration (step_generator.go `generateSteps` and step.go):
 * Check, then Create, or Diff and then Update, Replace or Same.
 */
import { ResourceInitError } from "./errors";
import { applyIgnoreChanges } from "./paths";
import { deleteStep } from "./stateSteps";
import {
  EngineDiff,
  StepContext,
  StepOutcome,
  check,
  checkError,
  diffResource,
  displayDiffKeys,
  failed,
  newState,
  rpc,
} from "./stepKit";
import type { Registration, ResourceState, StepOp, StepResult } from "./types";
import { PropertyMap, containsUnknowns, mapFromWire, plain } from "./values";

async function create(
  ctx: StepContext,
  reg: Registration,
  inputs: PropertyMap,
  op: StepOp,
  extra: Partial<StepResult> = {},
): Promise<StepOutcome> {
  const base = { urn: reg.urn, name: reg.name, type: reg.type };
  if (ctx.preview) {
    // supportsPreview=false: the engine plans outputs = checked inputs.
    const planned = newState(reg, "", inputs, inputs);
    return {
      step: { ...base, op, diffKeys: [], ...extra, outputs: planned.outputs },
      state: planned,
    };
  }
  try {
    const res = await rpc(ctx, "Create", reg.urn, () => ctx.client.create(reg.urn, plain(inputs)));
    const state = newState(reg, res.id, inputs, mapFromWire(res.properties));
    return {
      step: { ...base, op, diffKeys: [], ...extra, id: state.id, outputs: state.outputs },
      state,
    };
  } catch (err) {
    if (err instanceof ResourceInitError) {
      const state = {
        ...newState(reg, err.id, inputs, mapFromWire(err.properties)),
        initErrors: err.reasons,
      };
      const step = { ...base, op, diffKeys: [], ...extra, id: err.id, outputs: state.outputs };
      return { step: { ...step, error: err.details, initErrors: err.reasons }, state };
    }
    return failed(base, op, err, extra);
  }
}

async function update(
  ctx: StepContext,
  reg: Registration,
  old: ResourceState,
  inputs: PropertyMap,
  diffKeys: string[],
): Promise<StepOutcome> {
  const base = { urn: reg.urn, name: reg.name, type: reg.type, op: "update" as const, diffKeys };
  if (ctx.preview) {
    const planned = newState(reg, old.id, inputs, inputs);
    return { step: { ...base, id: old.id, outputs: planned.outputs }, state: planned };
  }
  try {
    const res = await rpc(ctx, "Update", reg.urn, () =>
      ctx.client.update({
        id: old.id,
        urn: reg.urn,
        olds: plain(old.outputs),
        news: plain(inputs),
        oldInputs: plain(old.inputs),
        ignoreChanges: reg.ignoreChanges ?? [],
      }),
    );
    const state = newState(reg, old.id, inputs, mapFromWire(res.properties));
    return { step: { ...base, id: old.id, outputs: state.outputs }, state };
  } catch (err) {
    if (err instanceof ResourceInitError) {
      const state = {
        ...newState(reg, old.id, inputs, mapFromWire(err.properties)),
        initErrors: err.reasons,
      };
      return {
        step: {
          ...base,
          id: old.id,
          outputs: state.outputs,
          error: err.details,
          initErrors: err.reasons,
        },
        state,
      };
    }
    return failed(base, "update", err, { diffKeys });
  }
}

/**
 * A program registration: Check, then Create for a new resource, or Diff and then Update,
 * Replace or nothing (same) for an existing one.
 */
export async function registerStep(
  ctx: StepContext,
  reg: Registration,
  old: ResourceState | undefined,
): Promise<StepOutcome> {
  const base = { urn: reg.urn, name: reg.name, type: reg.type };
  const op: StepOp = old ? "update" : "create";
  if (!ctx.preview && containsUnknowns(reg.inputs)) {
    return failed(
      base,
      op,
      new Error(`inputs contain unknown values; only a preview may send them`),
    );
  }
  try {
    // ignoreChanges applies before Check: ignored values go back to the old inputs.
    const inputs = old
      ? applyIgnoreChanges(reg.inputs, old.inputs, reg.ignoreChanges ?? [])
      : reg.inputs;
    const checked = await check(ctx, reg, old ? old.inputs : {}, inputs);
    if (checked.failures?.length) {
      return failed(base, op, new Error(checkError(reg, checked.failures)), {
        checkFailures: checked.failures,
      });
    }
    if (!old) {
      return await create(ctx, reg, checked.inputs, "create");
    }
    const diff = await diffResource(
      ctx,
      reg.urn,
      old.id,
      old.inputs,
      old.outputs,
      checked.inputs,
      reg.ignoreChanges ?? [],
      reg.replaceOnChanges ?? [],
    );
    const diffKeys = displayDiffKeys(old.inputs, checked.inputs);
    if (diff.changes && diff.replaceKeys.length > 0) {
      return await replace(ctx, reg, old, diff, diffKeys);
    }
    if (diff.changes || (old.initErrors?.length ?? 0) > 0) {
      // A resource left with initErrors gets an Update even without changes.
      return await update(ctx, reg, old, checked.inputs, diff.changes ? diffKeys : []);
    }
    // Same: the new inputs are kept, the outputs (and their `__provider`) stay as they were.
    const same = newState(reg, old.id, checked.inputs, old.outputs);
    return {
      step: { ...base, op: "same", diffKeys: [], id: old.id, outputs: same.outputs },
      state: same,
    };
  } catch (err) {
    return failed(base, op, err);
  }
}

async function replace(
  ctx: StepContext,
  reg: Registration,
  old: ResourceState,
  diff: EngineDiff,
  diffKeys: string[],
): Promise<StepOutcome> {
  const base = { urn: reg.urn, name: reg.name, type: reg.type };
  const extra = { diffKeys, replaceKeys: diff.replaceKeys };
  if (old.protect && reg.protect) {
    const why = `unable to replace resource "${reg.urn}" as it is currently marked for protection`;
    return failed(base, "replace", new Error(why), extra);
  }
  // A replacement is a new resource: the engine checks the program's inputs again with no olds.
  const rechecked = await check(ctx, reg, {}, reg.inputs);
  if (rechecked.failures?.length) {
    return failed(base, "replace", new Error(checkError(reg, rechecked.failures)), {
      ...extra,
      checkFailures: rechecked.failures,
    });
  }
  const deleteBeforeReplace = reg.deleteBeforeReplace ?? diff.deleteBeforeReplace;
  if (deleteBeforeReplace) {
    const deleted = await deleteStep(ctx, old);
    if (deleted.step.error) {
      return { step: { ...deleted.step, op: "replace", ...extra, deleteBeforeReplace } };
    }
    const created = await create(ctx, reg, rechecked.inputs, "replace", {
      ...extra,
      deleteBeforeReplace,
    });
    // If the create failed, the old resource is gone all the same.
    return { ...created, state: created.state ?? null };
  }
  const created = await create(ctx, reg, rechecked.inputs, "replace", {
    ...extra,
    deleteBeforeReplace,
  });
  if (created.step.error && !created.state) {
    return created;
  }
  return { ...created, pendingDelete: { ...old, pendingDelete: true } };
}
