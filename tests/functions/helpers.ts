/**
 * Helpers of the lookup-function suites: an emulator, the settings of its bootstrap client,
 * lookup options that keep the suites fast (short HTTP backoff, millisecond polls, no
 * environment fallback), and a CLIENT-CREDENTIALS client created through the API.
 */
import {
  EMULATOR_DIVISION_IDS,
  EMULATOR_ROLE_IDS,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from "../../provider/emulator";
import {
  Connection,
  OAuthApi,
  type ConnectionSettings,
  type HttpOptions,
  type RequestEvent,
} from "../../provider/api";
import { closeLookupConnections, type PollOptions } from "../../provider/functions";

/** HTTP options that keep retries short. */
export const FAST_HTTP: HttpOptions = { baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5000 };

/** Poll options for the emulator: milliseconds instead of minutes. */
export const FAST_POLL: PollOptions = {
  initialIntervalMs: 1,
  maxIntervalMs: 4,
  factor: 2,
  timeoutMs: 10_000,
};

/** Client-credentials settings for an emulator client (the bootstrap admin by default). */
export function settingsFor(
  emu: RunningEmulator,
  clientId = emu.clientId,
  clientSecret = emu.clientSecret,
): ConnectionSettings {
  return {
    apiUrl: emu.apiUrl,
    loginUrl: emu.loginUrl,
    credentials: { kind: "clientCredentials", clientId, clientSecret },
  };
}

/** A running emulator with lookup options pointing at it. */
export interface FunctionsHarness {
  emu: RunningEmulator;
  /** Settings of the bootstrap admin client. */
  settings: ConnectionSettings;
  /** Every attempt made by lookups using {@link FunctionsHarness.opts}. */
  events: RequestEvent[];
  /** Lookup options: the bootstrap settings, fast HTTP options recording events, fast polls. */
  opts: { settings: ConnectionSettings; http: HttpOptions; poll: PollOptions };
  /** An `OAuthApi` on the emulator with its own connection (closed by `close`). */
  newApi(settings?: ConnectionSettings): OAuthApi;
  /** Stops the emulator and closes every connection. */
  close(): Promise<void>;
}

/** Starts an emulator for a suite. */
export async function functionsHarness(options: EmulatorOptions = {}): Promise<FunctionsHarness> {
  const emu = await startEmulator(options);
  const settings = settingsFor(emu);
  const events: RequestEvent[] = [];
  const connections: Connection[] = [];
  const http: HttpOptions = { ...FAST_HTTP, onRequest: (e) => events.push(e) };
  return {
    emu,
    settings,
    events,
    opts: { settings, http, poll: FAST_POLL },
    newApi: (s = settings) => {
      const c = new Connection(s, FAST_HTTP);
      connections.push(c);
      return new OAuthApi(c);
    },
    close: async () => {
      closeLookupConnections();
      for (const c of connections) c.close();
      await emu.close();
    },
  };
}

/** Creates a CLIENT-CREDENTIALS client through the API; resolves to its id and secret. */
export async function createRobot(
  api: OAuthApi,
  name = "usage-robot",
): Promise<{ id: string; secret: string }> {
  const created = await api.postOauthClients({
    name,
    authorizedGrantType: "CLIENT-CREDENTIALS",
    roleDivisions: [
      { roleId: EMULATOR_ROLE_IDS.developer, divisionId: EMULATOR_DIVISION_IDS.home },
    ],
  });
  if (!created.id || !created.secret) throw new Error("the emulator returned no id or secret");
  return { id: created.id, secret: created.secret };
}

/** Today's UTC midnight, and the interval from yesterday to tomorrow (covers today's usage). */
export function aroundToday(): { today: string; interval: string } {
  const day = 86_400_000;
  const midnight = Date.now() - (Date.now() % day);
  return {
    today: new Date(midnight).toISOString(),
    interval: `${new Date(midnight - day).toISOString()}/${new Date(midnight + 2 * day).toISOString()}`,
  };
}

/** Resolves to the rejection of `p` (fails the test when `p` resolves). */
export async function rejectionOf(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the promise to reject");
}

/**
 * Hides `GENESYSCLOUD_*` variables of the developer's shell from the suite (they are the
 * settings' fallback and would change what the lookups connect to); restores them afterwards.
 */
export function isolateGenesysEnv(): void {
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const key of Object.keys(process.env).filter((k) => k.startsWith("GENESYSCLOUD_"))) {
      saved[key] = process.env[key];
      Reflect.deleteProperty(process.env, key);
    }
  });
  afterAll(() => {
    for (const [key, value] of Object.entries(saved)) process.env[key] = value;
  });
}
