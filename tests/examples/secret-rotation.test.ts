/**
 * examples/secret-rotation and its consumer stack under `pulumi.runtime.setMocks`: the rotation
 * trigger and schedule come from the stack config, the deletion guard is on unless turned off,
 * the secret leaves the producer as a secret and reaches the consumer as one.
 */
import type * as pulumi from "@pulumi/pulumi";
import { isSecret, plain } from "../../provider/testing";
import {
  MOCK_DATE_CREATED,
  byName,
  captureExample,
  exampleStack,
  mockResource,
  mockSecret,
  oauthClients,
  readStackFile,
} from "./helpers";

const EXAMPLE = "secret-rotation";
const CONSUMER = "secret-rotation/consumer";

describe("examples/secret-rotation", () => {
  test("declares the client with the trigger, the schedule and the deletion guard from config", async () => {
    const stack = exampleStack(EXAMPLE, "dev", {
      integrationRoleId: "role-crm",
      rotation: "CHG-2291",
      maxSecretAgeDays: "45",
    });
    const clients = oauthClients(await captureExample(EXAMPLE, stack));
    expect(Object.keys(clients)).toEqual(["crm-integration"]);
    const client = clients["crm-integration"];
    expect(plain(client.inputs)).toMatchObject({
      name: "CRM integration",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleDivisions: [{ roleId: "role-crm" }],
      secretRotationTrigger: "CHG-2291",
      rotateAfterDays: 45,
      deletionGuard: { unusedForDays: 30 },
    });
    expect(client.additionalSecretOutputs).toContain("clientSecret");
  });

  test("defaults: no trigger, rotation every 90 days; deletionGuardDays 0 turns the guard off", async () => {
    const stack = exampleStack(EXAMPLE, "dev", {
      integrationRoleId: "role-crm",
      deletionGuardDays: "0",
    });
    const { inputs } = oauthClients(await captureExample(EXAMPLE, stack))["crm-integration"];
    expect(inputs.rotateAfterDays).toBe(90);
    expect(inputs).not.toHaveProperty("secretRotationTrigger");
    expect(inputs).not.toHaveProperty("deletionGuard");
  });

  test("exports the secret as a secret, and when it was issued in plain text", async () => {
    const stack = exampleStack(EXAMPLE, "dev", readStackFile(EXAMPLE, "dev"));
    const { stackOutputs } = await captureExample(EXAMPLE, stack);
    expect(Object.keys(stackOutputs).sort()).toEqual([
      "clientId",
      "clientSecret",
      "secretIssuedAt",
    ]);
    expect(stackOutputs.clientId).toBe("crm-integration-id");
    expect(isSecret(stackOutputs.clientSecret)).toBe(true);
    expect(plain({ s: stackOutputs.clientSecret }).s).toBe(mockSecret("crm-integration"));
    // Never rotated: issued when the client was created.
    expect(stackOutputs.secretIssuedAt).toBe(MOCK_DATE_CREATED);
  });

  test("stops with a clear error when integrationRoleId is not set", async () => {
    await expect(captureExample(EXAMPLE, exampleStack(EXAMPLE, "dev", {}))).rejects.toThrow(
      /genesys-oauth-secret-rotation:integrationRoleId/,
    );
  });
});

describe("examples/secret-rotation/consumer", () => {
  const producerOutputs = {
    clientId: "0d83f6a7-2b1c-4e5f-8a9b-c0d1e2f3a4b5",
    clientSecret: "rotated-secret-value",
    secretIssuedAt: "2026-11-28T09:00:00.000Z",
  };
  /** The producer stack as a StackReference sees it: its outputs, `clientSecret` secret. */
  function stackReference(args: pulumi.runtime.MockResourceArgs): {
    id: string;
    state: Record<string, unknown>;
  } {
    if (args.type !== "pulumi:pulumi:StackReference") return mockResource(args);
    return {
      id: String(args.inputs.name),
      state: {
        name: args.inputs.name,
        outputs: producerOutputs,
        secretOutputNames: ["clientSecret"],
      },
    };
  }

  test("reads the producer stack named in its config", async () => {
    const stack = exampleStack(CONSUMER, "dev", readStackFile(CONSUMER, "dev"));
    const capture = await captureExample(CONSUMER, stack, { newResource: stackReference });
    const reference = byName(capture)["acme/genesys-oauth-secret-rotation/dev"];
    expect(reference.type).toBe("pulumi:pulumi:StackReference");
    expect(reference.readId).toBe("acme/genesys-oauth-secret-rotation/dev");
  });

  test("hands the app the id and the secret as one secret, and which secret it deployed", async () => {
    const stack = exampleStack(CONSUMER, "dev", { producerStack: "acme/oauth/prod" });
    const { stackOutputs } = await captureExample(CONSUMER, stack, { newResource: stackReference });
    expect(isSecret(stackOutputs.appEnv)).toBe(true);
    expect(plain({ env: stackOutputs.appEnv }).env).toBe(
      `GENESYS_CLIENT_ID=${producerOutputs.clientId}\n` +
        `GENESYS_CLIENT_SECRET=${producerOutputs.clientSecret}\n`,
    );
    expect(stackOutputs.deployedSecretIssuedAt).toBe(producerOutputs.secretIssuedAt);
  });
});
