/** Registration capture under `setMocks`: what the real SDK sends to the engine. */
import * as pulumi from "@pulumi/pulumi";
import axios from "axios";
import axiosRetry from "axios-retry";
import {
  CaptureError,
  PropertyMap,
  UNKNOWN,
  captureProgram,
  isSecret,
  loadSerializedProvider,
  serializeProvider,
} from "../../provider/testing";
import { PROJECT_DIR, Thing, ThingProvider, thingProvider } from "./fixtures";

const stack = { project: "proj", stack: "dev" };

function secretValue(value: unknown): unknown {
  return isSecret(value) ? value.value : undefined;
}

describe("captureProgram", () => {
  test("records type, URN, inputs with __provider, nested secrets, options and stack outputs", async () => {
    const provider = thingProvider("capture-v1");
    const cap = await captureProgram(
      () => {
        const a = new Thing(
          provider,
          "a",
          { nested: { token: pulumi.secret("t0k3n-value"), plain: 1 } },
          {
            protect: true,
            ignoreChanges: ["nested.plain"],
            additionalSecretOutputs: ["generated"],
            deleteBeforeReplace: true,
          },
        );
        const b = new Thing(provider, "b", { ref: a.id }, { dependsOn: [a] });
        return { aId: a.id, bUrn: b.urn, hidden: pulumi.secret("stack-secret") };
      },
      { stack },
    );

    expect(cap.registrations.map((r) => r.name)).toEqual(["a", "b"]);
    const [a, b] = cap.registrations;
    expect(a.type).toBe("pulumi-nodejs:dynamic/test:Thing");
    expect(a.urn).toBe("urn:pulumi:dev::proj::pulumi-nodejs:dynamic/test:Thing::a");
    // The secret is kept where it was, not pushed up to `nested` as mocks' inputs would.
    expect(a.secretInputs).toEqual(["nested.token"]);
    const nested = a.inputs.nested as PropertyMap;
    expect(secretValue(nested.token)).toBe("t0k3n-value");
    expect(nested.plain).toBe(1);
    expect(a.providerText).toContain('"capture-v1"');
    expect(a.inputs.__provider).toBe(a.providerText);
    expect(a.protect).toBe(true);
    expect(a.ignoreChanges).toEqual(["nested.plain"]);
    expect(a.additionalSecretOutputs).toEqual(["generated"]);
    expect(a.deleteBeforeReplace).toBe(true);
    expect(b.deleteBeforeReplace).toBeUndefined();
    expect(b.inputs.ref).toBe("a-id");
    expect(b.dependencies).toEqual([a.urn]);
    expect(b.propertyDependencies?.ref).toEqual([a.urn]);
    expect(cap.stackOutputs.aId).toBe("a-id");
    expect(cap.stackOutputs.bUrn).toBe(
      "urn:pulumi:dev::proj::pulumi:pulumi:Stack$pulumi-nodejs:dynamic/test:Thing::b",
    );
    expect(secretValue(cap.stackOutputs.hidden)).toBe("stack-secret");
  });

  test("the captured __provider is exactly what serializeFunction(() => provider) produces", async () => {
    const provider = thingProvider("same-text");
    const cap = await captureProgram(() => new Thing(provider, "x", {}), { stack });
    const direct = await serializeProvider(provider);
    expect(direct.containsSecrets).toBe(false);
    expect(cap.registrations[0].providerText).toBe(direct.text);
    // And it loads back into the provider the host would run.
    const loaded = loadSerializedProvider(direct.text, PROJECT_DIR) as ThingProvider;
    expect(loaded.version).toBe("same-text");
  });

  test("a provider that cannot be serialized fails the capture with an error naming the resource", async () => {
    const client = axios.create({ baseURL: "http://127.0.0.1:9" });
    axiosRetry(client, { retries: 2 });
    const provider: pulumi.dynamic.ResourceProvider = {
      async create(inputs) {
        const res = await client.post("/things", inputs);
        return { id: String(res.data.id), outs: inputs };
      },
    };
    const run = captureProgram(() => new Thing(provider, "bad", {}), { stack });
    await expect(run).rejects.toThrow(CaptureError);
    await expect(run).rejects.toThrow(
      /resource "bad" \[pulumi-nodejs:dynamic\/test:Thing\]: error serializing property "__provider"[\s\S]*handleRetry/,
    );
  });

  test("stack config reaches the program under its namespace, and secret config stays secret", async () => {
    const provider = thingProvider("config");
    const cap = await captureProgram(
      () => {
        const config = new pulumi.Config();
        const genesys = new pulumi.Config("genesyscloud");
        new Thing(provider, "c", {
          label: config.require("label"),
          token: config.requireSecret("token"),
          region: genesys.require("awsRegion"),
        });
      },
      {
        stack: {
          ...stack,
          config: {
            label: "hello",
            token: { secret: "tok-9" },
            "genesyscloud:awsRegion": "eu-west-1",
          },
        },
      },
    );
    const inputs = cap.registrations[0].inputs;
    expect(inputs.label).toBe("hello");
    expect(secretValue(inputs.token)).toBe("tok-9");
    expect(inputs.region).toBe("eu-west-1");
  });

  test("a .get() read is captured with its ID and __provider", async () => {
    const provider = thingProvider("get");
    const cap = await captureProgram(
      () => new Thing(provider, "existing", {}, { id: "thing-42" }),
      { stack },
    );
    expect(cap.registrations[0].readId).toBe("thing-42");
    expect(cap.registrations[0].providerText).toContain('"get"');
  });

  test("in a preview, values that depend on outputs are unknown, and unknownInputs marks chosen keys", async () => {
    const provider = thingProvider("preview");
    const cap = await captureProgram(
      () => {
        const a = new Thing(provider, "a", { label: "x", token: pulumi.secret("s") });
        new Thing(provider, "b", { ref: a.id });
      },
      { stack, preview: true, unknownInputs: { a: ["label", "token"] } },
    );
    const [a, b] = cap.registrations;
    expect(b.inputs.ref).toBe(UNKNOWN);
    expect(a.inputs.label).toBe(UNKNOWN);
    expect(secretValue(a.inputs.token)).toBe(UNKNOWN);
  });

  test("each capture starts from a clean mock state and leaves none behind", async () => {
    const provider = thingProvider("reset");
    await captureProgram(() => new Thing(provider, "r", {}), {
      stack: { project: "first", stack: "one", config: { key: "v" } },
    });
    expect(pulumi.runtime.getMonitor()).toBeUndefined();
    expect(pulumi.runtime.allConfig()).toEqual({});
    const second = await captureProgram(() => new Thing(provider, "r", {}), {
      stack: { project: "second", stack: "two" },
    });
    expect(second.registrations[0].urn).toBe(
      "urn:pulumi:two::second::pulumi-nodejs:dynamic/test:Thing::r",
    );
  });
});

describe("a program that throws", () => {
  it("rejects the capture with the program's own error", async () => {
    const { captureProgram } = await import("../../provider/testing");
    await expect(
      captureProgram(() => {
        throw new Error("bad catalog: clients.web.scope[1] is not a scope");
      }),
    ).rejects.toThrow("bad catalog: clients.web.scope[1] is not a scope");
  });
});
