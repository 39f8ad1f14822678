/**
 * What the emulated engine keeps in its state: secrets (stripped for the provider, re-marked,
 * encrypted on disk), partial failures (ErrorResourceInitFailed), and refreshes (drift,
 * out-of-band deletes, inputs returned by read).
 */
import * as pulumi from "@pulumi/pulumi";
import {
  CIPHERTEXT_PLACEHOLDER,
  ResourceInitError,
  formatSteps,
  isSecret,
  plain,
} from "../../provider/testing";
import {
  editRemote,
  makeStack,
  program,
  startEngine,
  stopEngine,
  thingProvider,
  withSharedHost,
} from "./fixtures";

const CONFIG_SECRET = "config-secret-Qx7";
const s = makeStack({ "genesyscloud:oauthclientSecret": { secret: CONFIG_SECRET } });
const shared = withSharedHost(s);
const newStack = shared.newStack;

function plainValue(value: unknown): unknown {
  return isSecret(value) ? value.value : value;
}

describe("secrets", () => {
  test("secrets stay secret in the state and never reach the state file or the printed output in plain text", async () => {
    const engine = newStack();
    const TOKEN = "token-input-Zr4";
    const provider = thingProvider("v1", { generateSecret: true });
    const cap = await program(
      provider,
      [
        {
          name: "guarded",
          props: { token: pulumi.secret(TOKEN) },
          opts: { additionalSecretOutputs: ["generated"] },
        },
        { name: "exposed" },
      ],
      { stack: s.stack },
    );
    const up = await engine.up(cap);
    expect(up.ok).toBe(true);

    const guarded = engine.resource("guarded");
    const exposed = engine.resource("exposed");
    if (!guarded || !exposed) {
      throw new Error("resources missing from the state");
    }
    // The provider got plaintext (acceptSecrets=false): it stored the real token remotely.
    expect(s.read().objects[guarded.id].token).toBe(TOKEN);
    // The state keeps the input secret, and re-marks the same-named output the provider echoed.
    expect(isSecret(guarded.inputs.token)).toBe(true);
    expect(isSecret(guarded.outputs.token)).toBe(true);
    expect(plainValue(guarded.outputs.token)).toBe(TOKEN);
    // additionalSecretOutputs marks the generated credential; other outputs stay plain.
    expect(isSecret(guarded.outputs.generated)).toBe(true);
    expect(isSecret(guarded.outputs.name)).toBe(false);
    // Without additionalSecretOutputs a generated credential is stored in plaintext.
    expect(isSecret(exposed.outputs.generated)).toBe(false);

    const generated = String(plainValue(guarded.outputs.generated));
    const stateFile = JSON.stringify(engine.stateSnapshot());
    expect(stateFile).not.toContain(TOKEN);
    expect(stateFile).not.toContain(generated);
    expect(stateFile).not.toContain(CONFIG_SECRET);
    expect(stateFile).toContain(CIPHERTEXT_PLACEHOLDER);
    expect(stateFile).toContain(String(exposed.outputs.generated));

    expect(engine.knownSecrets()).toEqual(
      expect.arrayContaining([CONFIG_SECRET, TOKEN, generated]),
    );
    const printed = formatSteps(up);
    expect(printed).not.toContain(TOKEN);
    expect(printed).not.toContain(generated);
    expect(up.diagnostics.map((l) => l.text).join("\n")).not.toContain(TOKEN);
    // Jest's own rendering of a secret does not show the value either.
    expect(JSON.stringify(guarded)).not.toContain(TOKEN);

    // A refresh keeps the marks: from the old outputs and from additionalSecretOutputs.
    const refresh = await engine.refresh();
    expect(refresh.steps.map((st) => st.op)).toEqual(["refresh-same", "refresh-same"]);
    const refreshed = engine.resource("guarded");
    expect(isSecret(refreshed?.outputs.token)).toBe(true);
    expect(isSecret(refreshed?.outputs.generated)).toBe(true);

    // An update carries the secret forward and keeps it secret.
    const changed = await program(
      provider,
      [
        {
          name: "guarded",
          props: { token: pulumi.secret(TOKEN), label: "new" },
          opts: { additionalSecretOutputs: ["generated"] },
        },
        { name: "exposed" },
      ],
      { stack: s.stack },
    );
    const update = await engine.up(changed);
    expect(update.steps.find((st) => st.name === "guarded")).toMatchObject({
      op: "update",
      diffKeys: ["label"],
    });
    expect(isSecret(engine.resource("guarded")?.outputs.generated)).toBe(true);
    expect(JSON.stringify(engine.stateSnapshot())).not.toContain(generated);

    await engine.destroy();
  });

  test("formatSteps masks extra values given to it", async () => {
    const engine = newStack();
    const up = await engine.preview(
      await program(thingProvider("v1"), [{ name: "masked-name" }], { stack: s.stack }),
    );
    const printed = formatSteps(up, { mask: ["masked-name"] });
    expect(printed).not.toContain("masked-name");
    expect(printed).toContain("[secret]");
  });
});

describe("partial failures", () => {
  test("a create that fails after creating keeps the resource with initErrors; the next up updates it", async () => {
    const engine = newStack();
    const failing = await program(
      thingProvider("v1", { createFails: "partial" }),
      [{ name: "p" }],
      {
        stack: s.stack,
      },
    );
    const up = await engine.up(failing);
    expect(up.ok).toBe(false);
    const [step] = up.steps;
    expect(step).toMatchObject({
      op: "create",
      error: "p created but not ready",
      initErrors: ["role grant failed"],
    });
    const kept = engine.resource("p");
    expect(kept?.initErrors).toEqual(["role grant failed"]);
    expect(kept?.id).toBe(step.id);
    expect(s.read().objects[kept?.id ?? ""]).toBeDefined();
    expect(formatSteps(up)).toMatch(
      /\*\*creating failed\*\*[\s\S]*error: p created but not ready[\s\S]*\* role grant failed/,
    );

    // Same inputs, no diff: the initErrors alone make the engine run an Update.
    const fixed = await program(thingProvider("v1"), [{ name: "p" }], { stack: s.stack });
    const retry = await engine.up(fixed);
    expect(retry.steps.map((st) => [st.op, st.diffKeys])).toEqual([["update", []]]);
    expect(retry.rpcs.map((r) => r.method)).toEqual(["Check", "Diff", "Update"]);
    expect(engine.resource("p")?.initErrors).toBeUndefined();

    const destroy = await engine.destroy();
    expect(destroy.ok).toBe(true);
    expect(s.read().objects[kept?.id ?? ""]).toBeUndefined();
  });

  test("the client decodes the partial failure from grpc-status-details-bin", async () => {
    s.reset();
    const cap = await program(thingProvider("v1", { createFails: "partial" }), [{ name: "raw" }], {
      stack: s.stack,
    });
    const reg = cap.registrations[0];
    const error = await shared
      .base()
      .client.create(reg.urn, plain(reg.inputs))
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ResourceInitError);
    const init = error as ResourceInitError;
    expect(init.details).toBe("raw created but not ready");
    expect(init.reasons).toEqual(["role grant failed"]);
    expect(init.id).toMatch(/^thing-\d+$/);
    expect(init.properties.__provider).toBe(reg.providerText);
    expect(init.message).toContain(`partial failure: resource "${init.id}" exists`);
    // The properties are not printed with the error.
    expect(Object.keys(init)).not.toContain("properties");
  });

  test("without __provider in the error's properties the next destroy fails with `code must be a string`", async () => {
    const engine = newStack();
    const cap = await program(
      thingProvider("v1", { createFails: "partial-without-provider" }),
      [{ name: "q" }],
      {
        stack: s.stack,
      },
    );
    await engine.up(cap);
    // The engine stores err.properties as the outputs: no code for Read or Delete.
    expect(engine.resource("q")?.outputs.__provider).toBeUndefined();

    const destroy = await engine.destroy();
    expect(destroy.ok).toBe(false);
    expect(destroy.steps[0].error).toMatch(/code must be a string/);
    expect(engine.resource("q")).toBeDefined();

    // The way out: an `up` runs Update with the program's code, which writes __provider back.
    const repaired = await engine.up(
      await program(thingProvider("v1"), [{ name: "q" }], { stack: s.stack }),
    );
    expect(repaired.steps.map((st) => st.op)).toEqual(["update"]);
    expect((await engine.destroy()).ok).toBe(true);
  });

  test("a plain create failure keeps nothing; the host of a failed run is gone after close", async () => {
    const dedicated = makeStack();
    const { engine, pids: hostPids } = await startEngine(dedicated.stack);
    // The wrapper and the node it forked: the PIDs checked below are real.
    expect(hostPids.length).toBe(2);
    let up;
    try {
      up = await engine.up(
        await program(thingProvider("v1", { createFails: "plain" }), [{ name: "f" }], {
          stack: dedicated.stack,
        }),
      );
    } finally {
      expect(await stopEngine(engine, hostPids)).toEqual([]);
      dedicated.cleanup();
    }
    expect(up.ok).toBe(false);
    expect(up.steps[0].error).toBe("create of f failed");
    expect(up.errors).toEqual([`${up.steps[0].urn}: create of f failed`]);
    expect(engine.state).toEqual([]);
  });
});

describe("refresh", () => {
  test("a refresh drops a resource whose read returns an empty id", async () => {
    const engine = newStack();
    await engine.up(
      await program(thingProvider("v1"), [{ name: "gone" }, { name: "kept" }], { stack: s.stack }),
    );
    const gone = engine.resource("gone");
    editRemote(s.store, gone?.id ?? "", () => undefined);

    const refresh = await engine.refresh();
    expect(refresh.steps.find((st) => st.name === "gone")?.op).toBe("refresh-delete");
    expect(refresh.steps.find((st) => st.name === "kept")?.op).toBe("refresh-same");
    expect(engine.state.map((r) => r.name)).toEqual(["kept"]);
    await engine.destroy();
  });

  test("preview --refresh shows drift without keeping it; refresh keeps the inputs read returns; up reverts", async () => {
    const engine = newStack();
    const provider = thingProvider("v1", { readReturnsInputs: true });
    const cap = await program(provider, [{ name: "d", props: { value: "1" } }], { stack: s.stack });
    await engine.up(cap);
    const id = engine.resource("d")?.id ?? "";
    editRemote(s.store, id, (obj) => ({ ...obj, value: "changed-in-the-ui" }));
    s.reset();

    const preview = await engine.preview(cap, { refresh: true });
    expect(preview.steps.map((st) => [st.op, st.diffKeys])).toEqual([
      ["refresh-update", ["value"]],
      ["update", ["value"]],
    ]);
    expect(preview.rpcs.map((r) => r.method)).toEqual(["Read", "Diff", "Check", "Diff"]);
    expect(s.calls("update")).toEqual([]);
    expect(engine.resource("d")?.inputs.value).toBe("1");
    expect(formatSteps(preview)).toMatch(
      /refresh\s+\[diff: ~value\][\s\S]*update\s+\[diff: ~value\]/,
    );

    const refresh = await engine.refresh();
    expect(refresh.steps.map((st) => st.op)).toEqual(["refresh-update"]);
    expect(engine.resource("d")?.inputs.value).toBe("changed-in-the-ui");
    expect(engine.resource("d")?.outputs.value).toBe("changed-in-the-ui");

    const up = await engine.up(cap);
    expect(up.steps.map((st) => [st.op, st.diffKeys])).toEqual([["update", ["value"]]]);
    expect(s.read().objects[id].value).toBe("1");
    await engine.destroy();
  });

  test("up --refresh recreates a resource deleted out of band", async () => {
    const engine = newStack();
    const cap = await program(thingProvider("v1"), [{ name: "r" }], { stack: s.stack });
    await engine.up(cap);
    const oldId = engine.resource("r")?.id ?? "";
    editRemote(s.store, oldId, () => undefined);

    const up = await engine.up(cap, { refresh: true });
    expect(up.steps.map((st) => st.op)).toEqual(["refresh-delete", "create"]);
    expect(engine.resource("r")?.id).not.toBe(oldId);
    expect(s.read().objects[engine.resource("r")?.id ?? ""]).toBeDefined();
    await engine.destroy();
  });
});
