/**
 * The engine's deployment loop over many resources: program steps (concurrent, dependencies
 * first, no new step after a failure), then deletes (concurrent, dependents first); refreshes;
 * destroys.
 */
import { registerStep } from "./registerStep";
import { deleteStep, importStep, readStep, refreshStep } from "./stateSteps";
import type { StepContext, StepOutcome } from "./stepKit";
import type { Registration, ResourceState, StepResult } from "./types";

/** Runs tasks with at most `max` at once (the CLI's `--parallel`). */
export function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    while (running >= max) {
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** Refreshes every resource (Read), concurrently up to `parallel`; drops those that are gone. */
export async function refreshAll(
  ctx: StepContext,
  current: readonly ResourceState[],
  parallel: number,
): Promise<{ steps: StepResult[]; next: ResourceState[] }> {
  const limit = limiter(parallel);
  // Read runs in a preview too (it changes nothing); the caller decides whether to keep the result.
  const outcomes = await Promise.all(current.map((res) => limit(() => refreshStep(ctx, res))));
  const next: ResourceState[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.state !== null) {
      next.push(outcome.state ?? current[i]);
    }
  });
  return { steps: outcomes.map((o) => o.step), next };
}

/**
 * Runs the program's registrations against the current state and returns the steps and the next
 * state (program order, then leftovers such as pending deletes after a failure).
 */
export async function runProgram(
  ctx: StepContext,
  registrations: readonly Registration[],
  current: readonly ResourceState[],
  parallel: number,
): Promise<{ steps: StepResult[]; next: ResourceState[]; ok: boolean }> {
  const olds = new Map(current.filter((r) => !r.pendingDelete).map((r) => [r.urn, r]));
  const outcomes = new Map<string, StepOutcome>();
  const tasks = new Map<string, Promise<void>>();
  const steps: StepResult[] = [];
  const limit = limiter(parallel);
  let failed = false;
  for (const reg of registrations) {
    if (tasks.has(reg.urn)) {
      throw new Error(`resource "${reg.urn}" registered twice`);
    }
    // Dependencies first; everything else may run concurrently, up to `parallel` at once.
    const deps = (reg.dependencies ?? []).map((urn) => tasks.get(urn));
    const task = Promise.all(deps).then(() =>
      limit(async () => {
        if (failed) {
          return; // The engine starts no new step after a failure.
        }
        const old = olds.get(reg.urn);
        const outcome =
          reg.readId !== undefined
            ? await readStep(ctx, reg)
            : reg.importId && !old
              ? await importStep(ctx, reg)
              : await registerStep(ctx, reg, old);
        outcomes.set(reg.urn, outcome);
        failed ||= outcome.step.error !== undefined;
      }),
    );
    tasks.set(reg.urn, task);
  }
  await Promise.all(tasks.values());

  const next: ResourceState[] = [];
  const seen = new Set<string>();
  const condemned = new Set<ResourceState>();
  const replaced = new Set<string>();
  for (const reg of registrations) {
    seen.add(reg.urn);
    const outcome = outcomes.get(reg.urn);
    const old = olds.get(reg.urn);
    if (outcome) {
      steps.push(outcome.step);
    }
    if (outcome?.pendingDelete && old) {
      condemned.add(old);
      replaced.add(reg.urn);
    }
    const state = outcome ? outcome.state : old;
    if (state !== null) {
      const kept = state ?? old;
      if (kept) {
        next.push(kept);
      }
    }
  }
  for (const res of current) {
    if (res.pendingDelete || !seen.has(res.urn)) {
      condemned.add(res);
    }
  }
  // Deletes run after all creates and updates, and only on success.
  if (failed) {
    const pending = [...condemned].map((res) =>
      seen.has(res.urn) ? { ...res, pendingDelete: true } : res,
    );
    return { steps, next: [...next, ...pending], ok: false };
  }
  const order = [...current].filter((r) => condemned.has(r));
  const deleted = await deleteAll(ctx, order, condemned, parallel);
  // The delete of a replaced resource's old half is part of its `replace` line, as in the CLI,
  // unless it failed.
  steps.push(...deleted.steps.filter((st) => st.error !== undefined || !replaced.has(st.urn)));
  const leftovers = deleted.remaining.map((res) =>
    seen.has(res.urn) ? { ...res, pendingDelete: true } : res,
  );
  return { steps, next: [...next, ...leftovers], ok: deleted.ok };
}

/**
 * Deletes `targets` among `ordered` as the engine's `ScheduleDeletes` does: in antichains, each a
 * set of resources no other remaining target depends on, so a resource is deleted only after
 * everything that depends on it. The deletes of one antichain run concurrently, at most
 * `parallel` at a time, started (and listed) in reverse state order. After a failure no new
 * delete starts and no further antichain runs.
 */
export async function deleteAll(
  ctx: StepContext,
  ordered: readonly ResourceState[],
  targets: ReadonlySet<ResourceState>,
  parallel: number,
): Promise<{ steps: StepResult[]; remaining: ResourceState[]; ok: boolean }> {
  const steps: StepResult[] = [];
  const remaining = [...ordered];
  const limit = limiter(parallel);
  let pending = [...ordered].reverse().filter((res) => targets.has(res));
  while (pending.length > 0) {
    const chain = pending.filter(
      (res) => !pending.some((other) => other !== res && other.dependencies.includes(res.urn)),
    );
    // A dependency cycle cannot come from a program; delete the rest one by one rather than hang.
    const batch = chain.length > 0 ? chain : [pending[0]];
    let failed = false;
    const outcomes = await Promise.all(
      batch.map((res) =>
        limit(async () => {
          if (failed) {
            return undefined;
          }
          const outcome = await deleteStep(ctx, res);
          failed ||= outcome.step.error !== undefined;
          return outcome;
        }),
      ),
    );
    outcomes.forEach((outcome, i) => {
      if (!outcome) {
        return;
      }
      steps.push(outcome.step);
      if (!outcome.step.error) {
        remaining.splice(remaining.indexOf(batch[i]), 1);
      }
    });
    if (failed) {
      return { steps, remaining, ok: false };
    }
    pending = pending.filter((res) => !batch.includes(res));
  }
  return { steps, remaining, ok: true };
}
