/**
 * The engine's steps that work from the state: `.get()` reads, imports, deletes and refreshes.
 * Read and Delete send the outputs in the state, so the `__provider` that runs is the code the
 * last Create or Update wrote.
 */
import {
  StepContext,
  StepOutcome,
  diffResource,
  displayDiffKeys,
  failed,
  newState,
  rpc,
} from "./stepKit";
import type { Registration, ResourceState } from "./types";
import { annotateSecrets, mapFromWire, markSecretOutputs, plain } from "./values";

/** A `.get()` read (ReadStep): Read with the program's inputs as both properties and inputs. */
export async function readStep(ctx: StepContext, reg: Registration): Promise<StepOutcome> {
  const base = { urn: reg.urn, name: reg.name, type: reg.type, op: "read" as const, diffKeys: [] };
  const id = reg.readId ?? "";
  try {
    const res = await rpc(ctx, "Read", reg.urn, () =>
      ctx.client.read({
        id,
        urn: reg.urn,
        properties: plain(reg.inputs),
        inputs: plain(reg.inputs),
      }),
    );
    if (res.id === "") {
      return failed(base, "read", new Error(`resource '${id}' does not exist`));
    }
    const inputs = res.inputs ? annotateSecrets(mapFromWire(res.inputs), reg.inputs) : reg.inputs;
    const outputs = annotateSecrets(mapFromWire(res.properties), reg.inputs);
    const state = { ...newState(reg, res.id, inputs, outputs), external: true };
    return { step: { ...base, id: res.id, outputs: state.outputs }, state };
  } catch (err) {
    return failed(base, "read", err);
  }
}

/**
 * An `import` (ImportStep): Read with only the ID. The dynamic host then has no `__provider` to
 * load, which is why import does not work for dynamic providers.
 */
export async function importStep(ctx: StepContext, reg: Registration): Promise<StepOutcome> {
  const base = {
    urn: reg.urn,
    name: reg.name,
    type: reg.type,
    op: "import" as const,
    diffKeys: [],
  };
  const id = reg.importId ?? "";
  try {
    const res = await rpc(ctx, "Read", reg.urn, () => ctx.client.read({ id, urn: reg.urn }));
    if (res.id === "") {
      return failed(base, "import", new Error(`resource '${id}' does not exist`));
    }
    if (!res.inputs) {
      return failed(base, "import", new Error("provider does not support importing resources"));
    }
    const state = newState(
      reg,
      res.id,
      annotateSecrets(mapFromWire(res.inputs), reg.inputs),
      mapFromWire(res.properties),
    );
    return { step: { ...base, id: res.id, outputs: state.outputs }, state };
  } catch (err) {
    return failed(base, "import", err);
  }
}

/**
 * A delete: Delete with the outputs in the state, so the code that runs is the `__provider` the
 * last Create/Update wrote. Resources read with `.get()` are only dropped from the state.
 */
export async function deleteStep(ctx: StepContext, old: ResourceState): Promise<StepOutcome> {
  const base = { urn: old.urn, name: old.name, type: old.type, id: old.id, diffKeys: [] };
  if (old.external) {
    return { step: { ...base, op: "read-discard" }, state: null };
  }
  if (old.protect) {
    const why = `resource "${old.urn}" cannot be deleted because it is protected`;
    return failed(base, "delete", new Error(why), { id: old.id });
  }
  if (ctx.preview || old.retainOnDelete) {
    return { step: { ...base, op: "delete" }, state: null };
  }
  try {
    await rpc(ctx, "Delete", old.urn, () =>
      ctx.client.delete({
        id: old.id,
        urn: old.urn,
        properties: plain(old.outputs),
        oldInputs: plain(old.inputs),
      }),
    );
    return { step: { ...base, op: "delete" }, state: null };
  } catch (err) {
    return failed(base, "delete", err, { id: old.id });
  }
}

/**
 * A refresh (RefreshStep): Read with the prior outputs and inputs (the code in the state runs);
 * an empty ID drops the resource; returned inputs replace the stored ones; the displayed change
 * comes from Diff called the other way round (refreshed state as old, old inputs as new).
 */
export async function refreshStep(ctx: StepContext, old: ResourceState): Promise<StepOutcome> {
  const base = { urn: old.urn, name: old.name, type: old.type };
  try {
    const res = await rpc(ctx, "Read", old.urn, () =>
      ctx.client.read({
        id: old.id,
        urn: old.urn,
        properties: plain(old.outputs),
        inputs: plain(old.inputs),
      }),
    );
    if (res.id === "") {
      return { step: { ...base, op: "refresh-delete", diffKeys: [], id: old.id }, state: null };
    }
    const outputs = markSecretOutputs(
      annotateSecrets(mapFromWire(res.properties), old.outputs),
      old.additionalSecretOutputs,
    );
    const inputs = res.inputs ? annotateSecrets(mapFromWire(res.inputs), old.inputs) : old.inputs;
    // A successful read clears initErrors, as RefreshStep builds the new state from the read.
    const state: ResourceState = { ...old, id: res.id, inputs, outputs, initErrors: undefined };
    const diff = await diffResource(
      ctx,
      old.urn,
      res.id,
      inputs,
      outputs,
      old.inputs,
      old.ignoreChanges ?? [],
    );
    const inputKeys = displayDiffKeys(old.inputs, inputs);
    const diffKeys = inputKeys.length > 0 ? inputKeys : displayDiffKeys(old.outputs, outputs);
    const op = diff.changes ? "refresh-update" : "refresh-same";
    return {
      step: { ...base, op, diffKeys: diff.changes ? diffKeys : [], id: res.id, outputs },
      state,
    };
  } catch (err) {
    return failed(base, "refresh-same", err, { id: old.id });
  }
}
