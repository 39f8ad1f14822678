/**
 * Helpers of the lookup-function suites: an emulator with lookup options pointing at its
 * bootstrap client that keep the suites fast (short HTTP backoff, millisecond polls, no
 * environment fallback), and a CLIENT-CREDENTIALS client created through the API.
 */
import {
  EMULATOR_DIVISION_IDS,
  EMULATOR_ROLE_IDS,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from "../../provider/emulator";
import type { ConnectionSettings, HttpOptions, OAuthApi, RequestEvent } from "../../provider/api";
import { closeLookupConnections, type PollOptions } from "../../provider/functions";
import { ApiConnections, FAST_HTTP, emulatorSettings } from "../support/emulator-api";

/** Poll options for the emulator: milliseconds instead of minutes. */
export const FAST_POLL: PollOptions = {
  initialIntervalMs: 1,
  maxIntervalMs: 4,
  factor: 2,
  timeoutMs: 10_000,
};

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
  const settings = emulatorSettings(emu);
  const events: RequestEvent[] = [];
  const connections = new ApiConnections();
  const http: HttpOptions = { ...FAST_HTTP, onRequest: (e) => events.push(e) };
  return {
    emu,
    settings,
    events,
    opts: { settings, http, poll: FAST_POLL },
    newApi: (s = settings) => connections.open(s, FAST_HTTP),
    close: async () => {
      closeLookupConnections();
      connections.closeAll();
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
