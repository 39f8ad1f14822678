/**
 * The `…Output` variants inside a Pulumi program run by `pulumi.runtime.setMocks`, against the
 * emulator: each resolves to the same data as its plain function, with settings from the
 * program's stack config (secret keys included) or from `opts.settings`; arguments may be Outputs
 * (also of a resource in the same program); secret arguments make the result secret, secret
 * settings do not; unknown arguments in a preview send no request. The mocks are process-global,
 * so each test installs them and resets them afterwards.
 */
import * as pulumi from "@pulumi/pulumi";
import { EMULATOR_AUTHORIZATION_CLIENT_IDS, type RunningEmulator } from "../../provider/emulator";
import {
  getOauthAuthorization,
  getOauthAuthorizationOutput,
  getOauthAuthorizations,
  getOauthAuthorizationsOutput,
  getOauthClient,
  getOauthClientOutput,
  getOauthClientUsageSummary,
  getOauthClientUsageSummaryOutput,
  getOauthClients,
  getOauthClientsOutput,
  getOauthScope,
  getOauthScopeOutput,
  getOauthScopes,
  getOauthScopesOutput,
  queryOauthClientUsage,
  queryOauthClientUsageOutput,
} from "../../provider/functions";
import {
  FAST_POLL,
  aroundToday,
  functionsHarness,
  isolateGenesysEnv,
  type FunctionsHarness,
} from "./helpers";

isolateGenesysEnv();

let h: FunctionsHarness;
let robotId: string;
beforeAll(async () => {
  h = await functionsHarness();
  robotId = (await h.emu.admin.seedClient({ name: "output-robot" })).id as string;
});
afterAll(() => h.close());
afterEach(() => {
  pulumi.runtime.resetOptions("", "", -1, "", "", false, "");
  pulumi.runtime.setAllConfig({}, []);
});

/** The stack config a user would set for the emulator (the secret marked secret). */
function stackConfig(emu: RunningEmulator): void {
  pulumi.runtime.setAllConfig(
    {
      "genesyscloud:apiUrl": emu.apiUrl,
      "genesyscloud:oauthclientId": emu.clientId,
      "genesyscloud:oauthclientSecret": emu.clientSecret,
    },
    ["genesyscloud:oauthclientSecret"],
  );
}

async function mocks(preview = false): Promise<void> {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
      call: (args) => args.inputs,
    },
    "functions-test",
    "dev",
    preview,
  );
}

/** The value of an Output (which must become known). */
function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => {
    o.apply((v) => {
      resolve(v);
      return v;
    });
  });
}

/** A resource of the program whose output feeds a lookup. */
class Thing extends pulumi.CustomResource {
  declare readonly clientName: pulumi.Output<string>;
  constructor(name: string, args: { clientName: pulumi.Input<string> }) {
    super("test:index:Thing", name, args);
  }
}

const { interval } = aroundToday();
const poll = FAST_POLL;
const [authClientId] = EMULATOR_AUTHORIZATION_CLIENT_IDS;
/** Rows and execution ids differ per run; compare the stable parts. */
const stable = (r: { executionId: string; polls: number }): unknown => ({
  ...r,
  executionId: "x",
  polls: 0,
});

describe("each …Output variant with settings from the stack config", () => {
  const cases: [string, () => Promise<unknown>, () => pulumi.Output<unknown>][] = [
    [
      "getOauthScopes",
      () => getOauthScopes({ acceptLanguage: "de-de" }),
      () => getOauthScopesOutput({ acceptLanguage: pulumi.output("de-de") }),
    ],
    [
      "getOauthScope",
      () => getOauthScope({ scopeId: "users:readonly" }),
      () => getOauthScopeOutput({ scopeId: pulumi.output("users:readonly") }),
    ],
    [
      "getOauthAuthorizations",
      () => getOauthAuthorizations(),
      () => getOauthAuthorizationsOutput(),
    ],
    [
      "getOauthAuthorization",
      () => getOauthAuthorization({ clientId: authClientId }),
      () => getOauthAuthorizationOutput({ clientId: Promise.resolve(authClientId) }),
    ],
    [
      "getOauthClients",
      () => getOauthClients(),
      () => getOauthClientsOutput({ includeDeleted: pulumi.output(false) }),
    ],
    [
      "getOauthClient",
      () => getOauthClient({ name: "output-robot" }),
      () => getOauthClientOutput({ name: pulumi.output("output-robot") }),
    ],
  ];
  it.each(cases)("%s resolves to the plain function's result", async (_name, plain, output) => {
    stackConfig(h.emu);
    await mocks();
    const expected = await plain();
    await expect(valueOf(output())).resolves.toEqual(expected);
  });

  it("getOauthClientUsageSummaryOutput and queryOauthClientUsageOutput resolve like the plain ones", async () => {
    stackConfig(h.emu);
    await mocks();
    const summary = await getOauthClientUsageSummary({ clientId: robotId, days: 2 }, { poll });
    const summaryOut = await valueOf(
      getOauthClientUsageSummaryOutput({ clientId: pulumi.output(robotId), days: 2 }, { poll }),
    );
    expect(stable(summaryOut)).toEqual(stable(summary));
    const args = { clientId: robotId, interval, groupBy: ["TemplateUri" as const] };
    const query = await queryOauthClientUsage(args, { poll });
    const queryOut = await valueOf(
      queryOauthClientUsageOutput(
        {
          ...args,
          interval: pulumi.output(interval),
          groupBy: [pulumi.output("TemplateUri" as const)],
        },
        { poll },
      ),
    );
    expect(stable(queryOut)).toEqual(stable(query));
    expect(queryOut.executionId).not.toBe(query.executionId);
  });
});

describe("opts.settings in a program", () => {
  it("works without any stack config, and secret settings do not make the result secret", async () => {
    await mocks();
    const settings = {
      apiUrl: h.emu.apiUrl,
      oauthclientId: h.emu.clientId,
      oauthclientSecret: pulumi.secret(h.emu.clientSecret),
      env: {},
    };
    const out = getOauthScopeOutput({ scopeId: "users:readonly" }, { settings });
    expect(await valueOf(out)).toMatchObject({ id: "users:readonly" });
    expect(await pulumi.isSecret(out)).toBe(false);
    const full = getOauthScopesOutput({}, { settings: h.settings });
    expect((await valueOf(full)).ids).toContain("users:readonly");
  });
});

describe("Inputs", () => {
  it("a secret argument makes the result secret", async () => {
    stackConfig(h.emu);
    await mocks();
    const out = getOauthClientOutput({ clientId: pulumi.secret(robotId) });
    expect(await valueOf(out)).toMatchObject({ id: robotId, name: "output-robot" });
    expect(await pulumi.isSecret(out)).toBe(true);
    expect(await pulumi.isSecret(getOauthClientOutput({ clientId: robotId }))).toBe(false);
  });

  it("waits for a resource of the same program whose output is an argument", async () => {
    stackConfig(h.emu);
    await mocks();
    const thing = new Thing("thing", { clientName: "output-robot" });
    const out = getOauthClientOutput({ name: thing.clientName });
    expect(await valueOf(out)).toMatchObject({ id: robotId });
  });

  it("sends no request while an argument is unknown in a preview", async () => {
    stackConfig(h.emu);
    await mocks(true);
    await h.emu.admin.clearRequests();
    const unknownId = pulumi.output(pulumi.unknown) as pulumi.Output<string>;
    const out = getOauthScopeOutput({ scopeId: unknownId });
    const isKnown = (out as unknown as { isKnown: Promise<boolean> }).isKnown;
    expect(await isKnown).toBe(false);
    expect(await h.emu.admin.requests()).toEqual([]);
  });

  it("fails the Output with the lookup's error", async () => {
    stackConfig(h.emu);
    await mocks();
    const out = getOauthClientOutput({ name: "no-such-client-anywhere" });
    // Every promise an Output holds (value, isKnown, isSecret, resources) carries the failure;
    // a real program's run loop reports it, here each one is observed so none goes unhandled.
    const failures = await Promise.all(
      Object.values(out as object)
        .filter((v): v is Promise<unknown> => v instanceof Promise)
        .map((p) =>
          p.then(
            () => undefined,
            (e: unknown) => e,
          ),
        ),
    );
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) {
      expect(String(f)).toMatch(/no OAuth client is named "no-such-client-anywhere"/);
    }
  });
});
