/**
 * What the API-client, lookup and export suites share about calling the emulator through the
 * package's API client: HTTP options that keep retries short, the connection settings of an
 * emulator client, API clients closed together, and a way to get hold of an expected rejection.
 */
import type { RunningEmulator } from "../../provider/emulator";
import {
  Connection,
  OAuthApi,
  type ConnectionSettings,
  type HttpOptions,
} from "../../provider/api";

/** Retry options that keep the suites fast: millisecond backoff, 5 s per attempt. */
export const FAST_HTTP: HttpOptions = { baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5000 };

/** Client-credentials settings for an emulator client (the bootstrap admin by default). */
export function emulatorSettings(
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

/** `OAuthApi`s, each on a connection of its own, closed together when a suite ends. */
export class ApiConnections {
  private readonly connections: Connection[] = [];

  /** A new `OAuthApi` on a new connection. */
  open(settings: ConnectionSettings, options: HttpOptions): OAuthApi {
    const connection = new Connection(settings, options);
    this.connections.push(connection);
    return new OAuthApi(connection);
  }

  /** Closes every connection opened so far (their agents, so nothing keeps jest waiting). */
  closeAll(): void {
    for (const connection of this.connections.splice(0)) connection.close();
  }
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
