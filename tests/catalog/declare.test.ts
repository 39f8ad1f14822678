/**
 * `declareOAuthClients` under `pulumi.runtime.setMocks`: one OAuthClient per entry, named by its
 * key, with the entry's fields as inputs and the resource options given.
 */
import * as pulumi from "@pulumi/pulumi";
import { declareOAuthClients, parseClientCatalog } from "../../provider/catalog";

const ROLE = "0b1f6e2a-6c1d-4b8e-9f3a-2d4c5e6f7a80";

const TEXT = `clients:
  ci-bot:
    name: CI bot
    authorizedGrantType: CLIENT-CREDENTIALS
    roleDivisions: [{ roleId: "\${role}", divisionId: "*" }]
    accessTokenValiditySeconds: \${ttl}
    secretRotationTrigger: "2026-Q4"
    rotateAfterDays: 90
    deletionGuard: { unusedForDays: 30 }
  web-portal:
    authorizedGrantType: CODE
    scope: [users:readonly]
    registeredRedirectUri: ["https://\${host}/cb"]
    state: inactive
`;

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

let registered: Registered[];

beforeEach(async () => {
  registered = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `${args.name}-id`, state: { ...args.inputs, clientId: `${args.name}-id` } };
      },
      call: (args) => args.inputs,
    },
    "catalog-test",
    "dev",
    false,
  );
});

afterAll(() => {
  pulumi.runtime.resetOptions("", "", -1, "", "", false, "");
});

/** Resolves a Pulumi output in a mocked run. */
function value<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

describe("declareOAuthClients", () => {
  test("registers one pulumi-nodejs:dynamic/genesys:OAuthClient per entry with its inputs", async () => {
    const catalog = parseClientCatalog(TEXT, {
      vars: { role: ROLE, ttl: 1800, host: "portal.example.com" },
    });
    const clients = declareOAuthClients(catalog);
    expect(Object.keys(clients)).toEqual(["ci-bot", "web-portal"]);
    await Promise.all(Object.values(clients).map((c) => value(c.urn)));

    // The SDK registers in its own order (serialization is asynchronous); compare by name.
    registered.sort((a, b) => a.name.localeCompare(b.name));
    expect(registered.map((r) => [r.type, r.name])).toEqual([
      ["pulumi-nodejs:dynamic/genesys:OAuthClient", "ci-bot"],
      ["pulumi-nodejs:dynamic/genesys:OAuthClient", "web-portal"],
    ]);
    const [bot, portal] = registered;
    expect(bot.inputs).toMatchObject({
      name: "CI bot",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleDivisions: [{ roleId: ROLE, divisionId: "*" }],
      accessTokenValiditySeconds: 1800,
      secretRotationTrigger: "2026-Q4",
      rotateAfterDays: 90,
      deletionGuard: { unusedForDays: 30 },
    });
    expect(typeof bot.inputs.__provider).toBe("string");
    expect(portal.inputs).toMatchObject({
      name: "web-portal",
      authorizedGrantType: "CODE",
      scope: ["users:readonly"],
      registeredRedirectUri: ["https://portal.example.com/cb"],
      state: "inactive",
    });
    expect(portal.inputs).not.toHaveProperty("adoptClientId");
    expect(await value(clients["web-portal"].clientId)).toBe("web-portal-id");
  });

  test("applies resource options to every client, or per entry through a function", async () => {
    const catalog = parseClientCatalog(TEXT, {
      vars: { role: ROLE, ttl: 1800, host: "portal.example.com" },
    });
    const all = declareOAuthClients(catalog, { protect: true });
    const perEntry = declareOAuthClients(
      { ...catalog, entries: catalog.entries.map((e) => ({ ...e, key: `${e.key}-2` })) },
      (entry) => (entry.key === "ci-bot-2" ? { protect: true } : undefined),
    );
    const protectedOf = (r: pulumi.CustomResource): boolean =>
      Boolean((r as unknown as { __protect?: boolean }).__protect);
    expect(Object.values(all).map(protectedOf)).toEqual([true, true]);
    expect(Object.values(perEntry).map(protectedOf)).toEqual([true, false]);
  });
});
