/**
 * Bad connection settings: a stack that already manages a client gets a malformed setting (an
 * unknown region, plain http to a remote host, a URL with credentials, a query or a fragment,
 * missing credentials, …), each in its own host process as in a real `pulumi up`. Every
 * operation must fail with a message naming the setting, before anything reaches the org: the
 * emulator sees no request at all, nothing is created or deleted, the state does not change.
 *
 * Credentials never travel to a non-https, non-loopback URL: a region alone derives https URLs,
 * and the provider refuses plain http to a remote host before any socket is opened (checked
 * in-process, where sockets can be watched; only loopback traffic is allowed in this suite).
 */
import * as net from "net";
import type { OAuthClientArgs } from "../../provider";
import { GENESYS_REGIONS } from "../../provider/api/regions";
import { readConnectionSettings } from "../../provider/config";
import { EMULATOR_ROLE_IDS } from "../../provider/emulator";
import { createOAuthClientProvider } from "../../provider/host";
import type { CaptureResult, Engine, StackSettings } from "../../provider/testing";
import {
  clientsProgram,
  startEngine,
  startHarness,
  visibleText,
  type Harness,
  type HarnessOptions,
} from "../resource/harness";
import { Scenario } from "./support/figures";
import { finish, rememberHosts } from "./support/hygiene";

const scenario = new Scenario(
  "bad-settings",
  "Bad input",
  "Malformed connection settings, one host each",
  __filename,
);

/** The credentials-in-transit checks belong to the report's Secrets section. */
const transport = new Scenario(
  "credentials-transport",
  "Secrets",
  "Credentials only over https or loopback",
  __filename,
);

const EXISTING: OAuthClientArgs = {
  name: "managed-before-the-config-changed",
  authorizedGrantType: "CLIENT-CREDENTIALS",
  roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }],
};
const NEW: OAuthClientArgs = { authorizedGrantType: "CODE", scope: ["users"] };

/** One malformed configuration: what to change, and the setting the error must name. */
interface SettingsCase {
  title: string;
  /** Stack config of the case, from the emulator's URL and bootstrap credentials. */
  config: (emu: { apiUrl: string; id: string; secret: string }) => StackSettings["config"];
  /** A stack config key the error must name. */
  names: string;
}

const creds = (e: { id: string; secret: string }) => ({
  "genesyscloud:oauthclientId": e.id,
  "genesyscloud:oauthclientSecret": { secret: e.secret },
});

const CASES: SettingsCase[] = [
  ...["us-east-9", "mars", "", "   ", "us-east-1\n"].map((region): SettingsCase => ({
    title: `awsRegion ${JSON.stringify(region)}`,
    config: (e) => ({
      ...creds(e),
      "genesyscloud:apiUrl": e.apiUrl,
      "genesyscloud:awsRegion": region,
    }),
    names: "genesyscloud:awsRegion",
  })),
  {
    title: "apiUrl http:// to a remote host",
    config: (e) => ({ ...creds(e), "genesyscloud:apiUrl": "http://api.example.com" }),
    names: "genesyscloud:apiUrl",
  },
  {
    title: "loginUrl http:// to a remote host",
    config: (e) => ({
      ...creds(e),
      "genesyscloud:apiUrl": e.apiUrl,
      "genesyscloud:loginUrl": "http://login.example.com",
    }),
    names: "genesyscloud:loginUrl",
  },
  {
    title: "a loopback apiUrl with a remote loginUrl",
    config: (e) => ({
      ...creds(e),
      "genesyscloud:apiUrl": e.apiUrl,
      "genesyscloud:loginUrl": "https://login.mypurecloud.com",
    }),
    names: "genesyscloud:loginUrl",
  },
  {
    title: "apiUrl with credentials in it",
    config: (e) => ({ ...creds(e), "genesyscloud:apiUrl": e.apiUrl.replace("://", "://user:pw@") }),
    names: "genesyscloud:apiUrl",
  },
  {
    title: "apiUrl with a query string",
    config: (e) => ({ ...creds(e), "genesyscloud:apiUrl": `${e.apiUrl}/?debug=1` }),
    names: "genesyscloud:apiUrl",
  },
  {
    title: "apiUrl with a fragment",
    config: (e) => ({ ...creds(e), "genesyscloud:apiUrl": `${e.apiUrl}/#top` }),
    names: "genesyscloud:apiUrl",
  },
  {
    title: "no credentials at all",
    config: (e) => ({ "genesyscloud:apiUrl": e.apiUrl }),
    names: "genesyscloud:oauthclientId",
  },
  {
    title: "a client id without its secret",
    config: (e) => ({ "genesyscloud:apiUrl": e.apiUrl, "genesyscloud:oauthclientId": e.id }),
    names: "genesyscloud:oauthclientSecret",
  },
  {
    title: "an empty client secret",
    config: (e) => ({
      "genesyscloud:apiUrl": e.apiUrl,
      "genesyscloud:oauthclientId": e.id,
      "genesyscloud:oauthclientSecret": { secret: "" },
    }),
    names: "genesyscloud:oauthclientSecret",
  },
  {
    title: "a request timeout that is not a number",
    config: (e) => ({
      ...creds(e),
      "genesyscloud:apiUrl": e.apiUrl,
      "genesyscloud:requestTimeoutMs": "30s",
    }),
    names: "genesyscloud:requestTimeoutMs",
  },
];

describe("bad settings through the host", () => {
  let h: Harness;
  const engines = new Map<string, Engine>();
  let orgBefore: string;
  /** The program: the managed client and a new one (its registrations do not depend on config). */
  let program: CaptureResult;

  beforeAll(async () => {
    h = await startHarness();
    expect((await h.up({ existing: EXISTING })).errors).toEqual([]);
    orgBefore = JSON.stringify(await h.emulator.admin.clients());
    program = await h.capture(clientsProgram({ existing: EXISTING, added: NEW }));
    const e = {
      apiUrl: h.emulator.apiUrl,
      id: h.emulator.clientId,
      secret: h.emulator.clientSecret,
    };
    // One host per configuration, as each `pulumi up` is its own process; started three at a time.
    for (let i = 0; i < CASES.length; i += 3) {
      const batch = CASES.slice(i, i + 3);
      const started = await Promise.all(
        batch.map((c) => {
          const options: HarnessOptions = { withoutCredentials: true, extraConfig: c.config(e) };
          return startEngine(h.emulator, options);
        }),
      );
      started.forEach((s, j) => engines.set(batch[j].title, s.engine));
    }
    rememberHosts();
  });
  afterAll(async () => {
    await transport.save();
    await finish(scenario, async () => {
      await Promise.all([...engines.values()].map((e) => e.close()));
      await h?.close();
    });
  });

  for (const c of CASES) {
    scenario.it(
      `${c.title}: every operation fails naming ${c.names}; nothing is touched`,
      async () => {
        const engine = engines.get(c.title) as Engine;
        // The stack already manages a client; its config has just been changed to this.
        engine.setState(h.engine.state);
        const stateBefore = JSON.stringify(engine.stateSnapshot());
        await h.clearLog();

        const results = [await engine.up(program), await engine.refresh(), await engine.destroy()];
        for (const result of results) {
          expect(result.ok).toBe(false);
          expect(result.steps.every((s) => s.error !== undefined)).toBe(true);
          expect(visibleText(result)).toContain(c.names);
        }
        const log = await h.emulator.admin.requests();
        expect(log).toEqual([]);
        expect(JSON.stringify(await h.emulator.admin.clients())).toBe(orgBefore);
        expect(JSON.stringify(engine.stateSnapshot())).toBe(stateBefore);

        scenario.add("malformed configurations (one host process each)");
        scenario.add(
          "operations refused naming the setting (up, refresh, destroy)",
          results.length,
        );
        scenario.add("requests that reached the org", log.length);
        scenario.row(
          "Cases",
          ["configuration", "error names", "requests to the org", "org / state changed"],
          [c.title, c.names, log.length, "no / no"],
        );
      },
    );
  }

  transport.it(
    "a region alone derives https URLs for every region, and us-east-1 by default",
    async () => {
      const id = "a-client";
      const secret = "a-secret";
      const get =
        (config: Record<string, string>) =>
        (key: string): string | undefined =>
          config[key];
      const base = { "genesyscloud:oauthclientId": id, "genesyscloud:oauthclientSecret": secret };
      for (const { region, domain } of GENESYS_REGIONS) {
        const s = readConnectionSettings(get({ ...base, "genesyscloud:awsRegion": region }), {});
        expect([s.apiUrl, s.loginUrl]).toEqual([
          `https://api.${domain}`,
          `https://login.${domain}`,
        ]);
      }
      const fallback = readConnectionSettings(get(base), {});
      expect(fallback.apiUrl).toBe("https://api.mypurecloud.com");
      transport.set(
        "regions whose derived URLs are https (and the default, us-east-1)",
        GENESYS_REGIONS.length + 1,
      );
    },
  );

  transport.it("refuses plain http to a remote host before opening any socket", async () => {
    // Every outbound TCP connection, TLS included (a TLSSocket is a net.Socket), goes through it.
    const connects = jest.spyOn(net.Socket.prototype, "connect");
    try {
      const provider = createOAuthClientProvider();
      await provider.configure({
        config: {
          get: (key: string) =>
            ({
              "genesyscloud:apiUrl": "http://api.example.com",
              "genesyscloud:oauthclientId": "id",
              "genesyscloud:oauthclientSecret": "secret",
            })[key],
          require: () => {
            throw new Error("not used");
          },
        },
      } as never);
      const inputs = { name: "x", authorizedGrantType: "CODE", scope: ["users"] };
      await expect(provider.check({}, inputs)).rejects.toThrow(/genesyscloud:apiUrl.*plain http/);
      await expect(provider.create(inputs)).rejects.toThrow(/genesyscloud:apiUrl/);
      await expect(provider.read("00000000-0000-4000-8000-000000000000", {})).rejects.toThrow(
        /genesyscloud:apiUrl/,
      );
      expect(connects).not.toHaveBeenCalled();

      // The spy does see sockets: the same provider with a loopback URL opens one.
      const control = createOAuthClientProvider();
      await control.configure({
        config: {
          get: (key: string) =>
            ({
              "genesyscloud:apiUrl": h.emulator.apiUrl,
              "genesyscloud:oauthclientId": h.emulator.clientId,
              "genesyscloud:oauthclientSecret": h.emulator.clientSecret,
            })[key],
          require: () => {
            throw new Error("not used");
          },
        },
      } as never);
      await expect(control.read("00000000-0000-4000-8000-000000000000", {})).resolves.toMatchObject(
        { id: "" },
      );
      expect(connects).toHaveBeenCalled();
      transport.set("sockets opened before refusing plain http to a remote host", 0);
      transport.set(
        "sockets opened by the same provider with a loopback URL (the spy works)",
        connects.mock.calls.length,
      );
      transport.note(
        "In-process (only loopback traffic is allowed in this suite, so a remote URL can never be " +
          "tried for real): the provider is configured with genesyscloud:apiUrl " +
          "http://api.example.com, and net.Socket.prototype.connect, which every TCP and TLS " +
          "connection goes through, is watched while check, create and read refuse. Through the " +
          "host, the same settings fail every operation naming the setting (Bad input section).",
      );
    } finally {
      connects.mockRestore();
    }
  });
});
