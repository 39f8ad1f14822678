/**
 * How the driver schedules deletes, like the engine's `ScheduleDeletes`: dependents before what
 * they depend on, independent resources concurrently (up to `--parallel`), nothing new after a
 * failure. Driven with a stand-in client, so the order of the Delete RPCs is observable exactly.
 */
import type { ProviderClient } from "../../provider/testing";
import { deleteAll } from "../../provider/testing/deployment";
import type { StepContext } from "../../provider/testing/stepKit";
import type { ResourceState } from "../../provider/testing";

/** A resource named `name` depending on `deps` (by name). */
function res(name: string, deps: string[] = []): ResourceState {
  return {
    urn: `urn:${name}`,
    type: "t",
    name,
    id: `${name}-id`,
    inputs: {},
    outputs: {},
    additionalSecretOutputs: [],
    dependencies: deps.map((d) => `urn:${d}`),
  };
}

/** A client whose deletes take a turn of the event loop and record when they start and end. */
function recordingClient(failOn?: string) {
  const events: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const client = {
    delete: async ({ id }: { id: string }) => {
      events.push(`start ${id}`);
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      events.push(`end ${id}`);
      if (id === failOn) throw new Error(`cannot delete ${id}`);
    },
  };
  const ctx: StepContext = {
    client: client as unknown as ProviderClient,
    preview: false,
    rpcs: [],
  };
  return { ctx, events, maxRunning: () => maxRunning };
}

describe("delete scheduling", () => {
  it("deletes independent resources concurrently, listed in reverse state order", async () => {
    const all = [res("a"), res("b"), res("c")];
    const { ctx, events, maxRunning } = recordingClient();
    const result = await deleteAll(ctx, all, new Set(all), Number.POSITIVE_INFINITY);
    expect(result.ok).toBe(true);
    expect(result.remaining).toEqual([]);
    expect(result.steps.map((s) => s.name)).toEqual(["c", "b", "a"]);
    expect(maxRunning()).toBe(3);
    expect(events.slice(0, 3)).toEqual(["start c-id", "start b-id", "start a-id"]);
  });

  it("deletes a resource only after everything that depends on it", async () => {
    // b and c depend on a; d depends on c.
    const all = [res("a"), res("b", ["a"]), res("c", ["a"]), res("d", ["c"])];
    const { ctx, events } = recordingClient();
    const result = await deleteAll(ctx, all, new Set(all), Number.POSITIVE_INFINITY);
    expect(result.ok).toBe(true);
    const at = (e: string) => events.indexOf(e);
    expect(at("end d-id")).toBeLessThan(at("start c-id"));
    expect(at("end b-id")).toBeLessThan(at("start a-id"));
    expect(at("end c-id")).toBeLessThan(at("start a-id"));
    // b and d do not depend on each other: they run together.
    expect(at("start b-id")).toBeLessThan(at("end d-id"));
  });

  it("respects the parallel limit", async () => {
    const all = [res("a"), res("b"), res("c"), res("d")];
    const { ctx, maxRunning } = recordingClient();
    await deleteAll(ctx, all, new Set(all), 2);
    expect(maxRunning()).toBe(2);
  });

  it("starts nothing new after a failed delete and keeps what was not deleted", async () => {
    const all = [res("a"), res("b", ["a"]), res("c")];
    const { ctx, events } = recordingClient("b-id");
    const result = await deleteAll(ctx, all, new Set(all), 1);
    expect(result.ok).toBe(false);
    // c went first (reverse state order), then b failed; a, which b depends on, never started.
    expect(events).toEqual(["start c-id", "end c-id", "start b-id", "end b-id"]);
    expect(result.steps.map((s) => [s.name, s.error !== undefined])).toEqual([
      ["c", false],
      ["b", true],
    ]);
    expect(result.remaining.map((r) => r.name)).toEqual(["a", "b"]);
  });
});
