/**
 * preview / up / destroy step sequences against the real host, as the CLI would show them, and
 * which provider code each RPC runs (Check/Diff/Create/Update: the program's; Read/Delete: the state's).
 */
import { Engine, formatSteps, serializeProvider } from "../../provider/testing";
import { makeStack, program, thingProvider, withSharedHost } from "./fixtures";

const s = makeStack();
const shared = withSharedHost(s);
const newStack = shared.newStack;

const opts = { stack: s.stack };

function versionsOf(call: string): string[] {
  return s.calls(call).map((c) => c.version);
}

/** `[name, op]` of the steps, sorted by name (the SDK's registration order is its own business). */
function byName(steps: { name: string; op: string }[]): [string, string][] {
  return steps
    .map((st): [string, string] => [st.name, st.op])
    .sort(([a], [b]) => a.localeCompare(b));
}

describe("preview and up", () => {
  test("preview plans creates without calling Create; up creates; an unchanged program is same", async () => {
    const engine = newStack();
    const provider = thingProvider("v1");
    const cap = await program(
      provider,
      [{ name: "a", props: { value: "1" } }, { name: "b" }],
      opts,
    );

    const preview = await engine.preview(cap);
    expect(byName(preview.steps)).toEqual([
      ["a", "create"],
      ["b", "create"],
    ]);
    expect(preview.rpcs.map((r) => r.method)).toEqual(["Check", "Check"]);
    expect(s.calls("create")).toEqual([]);
    expect(preview.diagnostics.map((l) => l.text)).toEqual(
      expect.arrayContaining(["thing v1 check a", "thing v1 check b"]),
    );
    const planned = preview.steps.find((st) => st.name === "a");
    expect(planned?.outputs).toEqual(cap.registrations.find((r) => r.name === "a")?.inputs); // plan = checked inputs
    expect(engine.state).toEqual([]);
    expect(formatSteps(preview)).toMatch(
      / \+ {3}pulumi-nodejs:dynamic\/test:Thing {3}a {6}create[\s\S]*\+ 2 to create/,
    );

    const up = await engine.up(cap);
    expect(up.ok).toBe(true);
    expect(up.summary).toEqual({ create: 2 });
    expect(s.calls("create").map((c) => c.name)).toEqual(expect.arrayContaining(["a", "b"]));
    const a = engine.resource("a");
    expect(a?.id).toMatch(/^thing-\d+$/);
    expect(a?.outputs.value).toBe("1");
    expect(a?.outputs.version).toBe("v1");
    expect(a?.outputs.__provider).toBe(cap.registrations[0].providerText);
    expect(a?.inputs.__provider).toBe(cap.registrations[0].providerText);

    const again = await engine.up(cap);
    expect(again.steps.map((st) => st.op)).toEqual(["same", "same"]);
    expect(again.rpcs.map((r) => r.method).sort()).toEqual(["Check", "Check", "Diff", "Diff"]);
  });

  test("changing an input previews an update without calling Update, then up updates with the changed keys", async () => {
    const engine = newStack();
    const provider = thingProvider("v1");
    await engine.up(
      await program(provider, [{ name: "a", props: { value: "1", other: "x" } }], opts),
    );
    const changed = await program(
      provider,
      [{ name: "a", props: { value: "2", other: "x" } }],
      opts,
    );

    const preview = await engine.preview(changed);
    expect(preview.steps.map((st) => [st.op, st.diffKeys])).toEqual([["update", ["value"]]]);
    expect(preview.rpcs.map((r) => r.method)).toEqual(["Check", "Diff"]);
    expect(s.calls("update")).toEqual([]);
    expect(engine.resource("a")?.outputs.value).toBe("1");
    expect(formatSteps(preview)).toContain("update     [diff: ~value]");

    const up = await engine.up(changed);
    expect(up.steps.map((st) => [st.op, st.diffKeys])).toEqual([["update", ["value"]]]);
    expect(s.calls("update")).toHaveLength(1);
    expect(engine.resource("a")?.outputs.value).toBe("2");
  });

  test("a key listed in replaces is replaced create-before-delete, or delete-before-create when asked", async () => {
    const engine = newStack();
    const provider = thingProvider("v1", { replaceOn: ["kind"] });
    await engine.up(await program(provider, [{ name: "r", props: { kind: "small" } }], opts));
    const firstId = engine.resource("r")?.id;
    s.reset();

    const up = await engine.up(
      await program(provider, [{ name: "r", props: { kind: "large" } }], opts),
    );
    expect(up.steps.map((st) => [st.op, st.replaceKeys, st.diffKeys])).toEqual([
      ["replace", ["kind"], ["kind"]],
    ]);
    expect(
      s
        .calls()
        .filter((c) => c.call !== "check" && c.call !== "diff")
        .map((c) => c.call),
    ).toEqual(["create", "delete"]);
    expect(s.calls("delete")[0].id).toBe(firstId);
    const secondId = engine.resource("r")?.id;
    expect(secondId).not.toBe(firstId);
    expect(engine.state).toHaveLength(1);
    s.reset();

    const dbr = await engine.up(
      await program(
        provider,
        [{ name: "r", props: { kind: "tiny" }, opts: { deleteBeforeReplace: true } }],
        opts,
      ),
    );
    expect(dbr.steps[0]).toMatchObject({ op: "replace", deleteBeforeReplace: true });
    expect(
      s
        .calls()
        .filter((c) => c.call === "create" || c.call === "delete")
        .map((c) => [c.call, c.id]),
    ).toEqual([
      ["delete", secondId],
      ["create", engine.resource("r")?.id],
    ]);
  });

  test("a resource dropped from the program is deleted after the other steps; destroy deletes them all, listed in reverse order", async () => {
    const engine = newStack();
    const provider = thingProvider("v1");
    await engine.up(
      await program(provider, [{ name: "a" }, { name: "b" }, { name: "c", props: { v: 1 } }], opts),
    );
    const ids = Object.fromEntries(engine.state.map((r) => [r.name, r.id]));

    const up = await engine.up(
      await program(provider, [{ name: "a" }, { name: "c", props: { v: 2 } }], opts),
    );
    // Deletes come after all creates and updates.
    expect(byName(up.steps.slice(0, 2))).toEqual([
      ["a", "same"],
      ["c", "update"],
    ]);
    expect(up.steps[2]).toMatchObject({ name: "b", op: "delete" });
    expect(engine.state.map((r) => r.name).sort()).toEqual(["a", "c"]);
    s.reset();

    const order = engine.state.map((r) => r.name);
    const destroy = await engine.destroy();
    expect(destroy.steps.map((st) => [st.name, st.op])).toEqual(
      [...order].reverse().map((name) => [name, "delete"]),
    );
    // Independent resources are deleted concurrently (the engine's ScheduleDeletes), so the host
    // may run their deletes in any order; the steps are listed in reverse state order.
    expect(
      s
        .calls("delete")
        .map((c) => c.id)
        .sort(),
    ).toEqual(order.map((name) => ids[name]).sort());
    expect(engine.state).toEqual([]);
    expect(formatSteps(destroy)).toContain("- 2 deleted");
  });

  test("a preview sends the unknown sentinel to check and diff, and diff sees the change", async () => {
    const engine = newStack();
    const provider = thingProvider("v1");
    await engine.up(await program(provider, [{ name: "a", props: { value: "known" } }], opts));
    s.reset();
    const pending = await program(provider, [{ name: "a", props: { value: "later" } }], {
      ...opts,
      preview: true,
      unknownInputs: { a: ["value"] },
    });

    const preview = await engine.preview(pending);
    expect(preview.steps.map((st) => [st.op, st.diffKeys])).toEqual([["update", ["value"]]]);
    expect(s.calls("check")[0].unknown).toEqual(["value"]);
    expect(s.calls("diff")[0].unknown).toEqual(["value"]);

    // Outside a preview the engine has no unknowns to send: the step fails before any RPC.
    const up = await engine.up(pending);
    expect(up.ok).toBe(false);
    expect(up.steps[0].error).toMatch(/unknown values/);
    expect(up.rpcs).toEqual([]);
  });

  test("check failures fail the step with `property: reason` and nothing is created", async () => {
    const engine = newStack();
    const up = await engine.up(
      await program(thingProvider("v1"), [{ name: "bad", props: { value: "invalid" } }], opts),
    );
    expect(up.ok).toBe(false);
    expect(up.steps[0].checkFailures).toEqual([
      { property: "value", reason: "must not be invalid" },
    ]);
    expect(up.steps[0].error).toContain("value: must not be invalid");
    expect(up.errors).toHaveLength(1);
    expect(s.calls("create")).toEqual([]);
    expect(engine.state).toEqual([]);
  });

  test("without a diff answer the engine diffs the inputs itself, so new provider code alone is an update", async () => {
    const engine = newStack();
    const cap1 = await program(thingProvider("v1", { diff: "unknown" }), [{ name: "a" }], opts);
    await engine.up(cap1);
    // Same text again (an equal provider object): no change.
    const same = await engine.preview(
      await program(thingProvider("v1", { diff: "unknown" }), [{ name: "a" }], opts),
    );
    expect(same.steps.map((st) => st.op)).toEqual(["same"]);

    const v2 = await program(thingProvider("v2", { diff: "unknown" }), [{ name: "a" }], opts);
    const preview = await engine.preview(v2);
    expect(preview.steps.map((st) => [st.op, st.diffKeys])).toEqual([["update", ["__provider"]]]);
  });

  test(".get() reads a resource by ID into the state; destroy only discards it", async () => {
    const engine = newStack();
    const provider = thingProvider("v1");
    await engine.up(await program(provider, [{ name: "owned", props: { value: "o" } }], opts));
    const owned = engine.resource("owned");
    const { text } = await serializeProvider(provider);
    s.reset();

    const read = await engine.get("pulumi-nodejs:dynamic/test:Thing", "copy", owned?.id ?? "", {
      name: "copy",
      __provider: text,
    });
    expect(read.steps.map((st) => [st.op, st.id])).toEqual([["read", owned?.id]]);
    expect(engine.resource("copy")).toMatchObject({ external: true, outputs: { value: "o" } });
    expect(s.calls("read")).toHaveLength(1);

    const destroy = await engine.destroy();
    expect(destroy.steps.map((st) => [st.name, st.op])).toEqual([
      ["copy", "read-discard"],
      ["owned", "delete"],
    ]);
    expect(s.calls("delete").map((c) => c.id)).toEqual([owned?.id]);
  });

  test("steps of independent resources respect the parallel limit and give the same result", async () => {
    const engine = new Engine({
      client: shared.base().client,
      host: shared.base().host,
      stack: s.stack,
      parallel: 1,
    });
    s.reset();
    const up = await engine.up(
      await program(thingProvider("v1"), [{ name: "p" }, { name: "q" }, { name: "r" }], opts),
    );
    expect(byName(up.steps)).toEqual([
      ["p", "create"],
      ["q", "create"],
      ["r", "create"],
    ]);
    // With one step at a time, each resource's check and create are adjacent.
    expect(
      s
        .calls()
        .filter((c) => c.call !== "configure")
        .map((c) => c.call),
    ).toEqual(["check", "create", "check", "create", "check", "create"]);
    await engine.destroy();
  });
});

describe("which code runs", () => {
  test("after the provider code changed without a diff, Read and Delete still run the code in the state", async () => {
    const engine = new Engine({
      client: shared.base().client,
      host: shared.base().host,
      stack: s.stack,
    });
    s.reset();
    // diff "none": the new code never causes an update, so it never reaches the outputs.
    const v1 = await program(thingProvider("v1", { diff: "none" }), [{ name: "a" }], {
      stack: s.stack,
    });
    const v2 = await program(thingProvider("v2", { diff: "none" }), [{ name: "a" }], {
      stack: s.stack,
    });
    expect(v1.registrations[0].providerText).not.toBe(v2.registrations[0].providerText);
    await engine.up(v1);

    const up = await engine.up(v2);
    expect(up.steps.map((st) => st.op)).toEqual(["same"]);
    expect(versionsOf("check")).toEqual(["v1", "v2"]);
    expect(versionsOf("diff")).toEqual(["v2"]);
    const state = engine.resource("a");
    // Same step: the new inputs are stored, the outputs keep the code of the last Create.
    expect(state?.inputs.__provider).toBe(v2.registrations[0].providerText);
    expect(state?.outputs.__provider).toBe(v1.registrations[0].providerText);

    await engine.refresh();
    expect(versionsOf("read")).toEqual(["v1"]);
    // The inverted refresh Diff also loads the code from its `news` (the old inputs): v2.
    expect(versionsOf("diff")).toEqual(["v2", "v2"]);

    await engine.destroy();
    expect(versionsOf("delete")).toEqual(["v1"]);
  });

  test("an update writes the program's code into the outputs, so later deletes run the new code", async () => {
    const engine = new Engine({
      client: shared.base().client,
      host: shared.base().host,
      stack: s.stack,
    });
    s.reset();
    await engine.up(
      await program(thingProvider("v1"), [{ name: "b", props: { value: 1 } }], { stack: s.stack }),
    );
    const v2 = await program(thingProvider("v2"), [{ name: "b", props: { value: 2 } }], {
      stack: s.stack,
    });
    const up = await engine.up(v2);
    expect(up.steps.map((st) => [st.op, st.diffKeys])).toEqual([["update", ["value"]]]);
    expect(versionsOf("update")).toEqual(["v2"]);
    expect(engine.resource("b")?.outputs.__provider).toBe(v2.registrations[0].providerText);

    await engine.destroy();
    expect(versionsOf("delete")).toEqual(["v2"]);
  });
});
