/**
 * Lookups use the same tuning as the resource: the request timeout, retries and first backoff of
 * the stack config (`genesyscloud:requestTimeoutMs`, `maxRetries`, `retryBaseDelayMs`) and its
 * usage polling settings, with what a caller passes in `opts.http` / `opts.poll` taking precedence
 * field by field. Against the emulator, with faults to make retries and timeouts observable.
 */
import * as pulumi from "@pulumi/pulumi";
import { startEmulator, type RunningEmulator } from "../../provider/emulator";
import {
  UsageQueryError,
  closeLookupConnections,
  getOauthClientUsageSummary,
  getOauthScopes,
} from "../../provider/functions";
import { configuredHttpOptions, mergedPollOptions } from "../../provider/functions/connection";

const SCOPES = "/api/v2/oauth/scopes";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  closeLookupConnections();
  await emu?.close();
});
beforeEach(async () => {
  closeLookupConnections();
  await emu.admin.reset();
});
afterEach(() => {
  pulumi.runtime.setAllConfig({}, []);
});

/** Stack config pointing at the emulator, plus `tuning` (bare keys of the genesyscloud namespace). */
function configure(tuning: Record<string, string>): void {
  pulumi.runtime.setAllConfig(
    {
      "genesyscloud:apiUrl": emu.apiUrl,
      "genesyscloud:oauthclientId": emu.clientId,
      "genesyscloud:oauthclientSecret": emu.clientSecret,
      ...Object.fromEntries(Object.entries(tuning).map(([k, v]) => [`genesyscloud:${k}`, v])),
    },
    ["genesyscloud:oauthclientSecret"],
  );
}

/** How many times the emulator served the scope listing. */
async function scopeRequests(): Promise<number> {
  return (await emu.admin.requests()).filter((r) => r.path === SCOPES).length;
}

describe("the HTTP options of a lookup", () => {
  it("come from the stack config's tuning, with the fields given in opts.http winning", () => {
    configure({ requestTimeoutMs: "1234", maxRetries: "7", retryBaseDelayMs: "9" });
    expect(configuredHttpOptions()).toEqual({ timeoutMs: 1234, maxRetries: 7, baseDelayMs: 9 });
    expect(configuredHttpOptions({ maxRetries: 1, timeoutMs: undefined, pace: false })).toEqual({
      timeoutMs: 1234,
      maxRetries: 1,
      baseDelayMs: 9,
      pace: false,
    });
  });

  it("retry as often as genesyscloud:maxRetries says", async () => {
    configure({ maxRetries: "0", retryBaseDelayMs: "1" });
    await emu.admin.addFault({ method: "GET", path: SCOPES, status: 500, times: 1 });
    await expect(getOauthScopes()).rejects.toMatchObject({ status: 500 });
    expect(await scopeRequests()).toBe(1);

    closeLookupConnections();
    await emu.admin.clearRequests();
    configure({ maxRetries: "2", retryBaseDelayMs: "1" });
    await emu.admin.addFault({ method: "GET", path: SCOPES, status: 500, times: 1 });
    await expect(getOauthScopes()).resolves.toMatchObject({ scopes: expect.any(Array) });
    expect(await scopeRequests()).toBe(2);
  });

  it("let opts.http.maxRetries override the stack config", async () => {
    configure({ maxRetries: "0", retryBaseDelayMs: "1" });
    await emu.admin.addFault({ method: "GET", path: SCOPES, status: 500, times: 1 });
    await expect(getOauthScopes({}, { http: { maxRetries: 1 } })).resolves.toBeDefined();
    expect(await scopeRequests()).toBe(2);
  });

  it("give up on a slow request after genesyscloud:requestTimeoutMs", async () => {
    configure({ requestTimeoutMs: "200", maxRetries: "0" });
    await emu.admin.addFault({
      method: "GET",
      path: SCOPES,
      kind: "delay",
      delayMs: 3000,
      times: 1,
    });
    await expect(getOauthScopes()).rejects.toMatchObject({
      name: "GenesysNetworkError",
      kind: "timeout",
    });
  });
});

describe("the poll options of a usage lookup", () => {
  it("keep the configured interval and timeout when only onPoll and sleep are given", async () => {
    configure({ usagePollIntervalMs: "7", usagePollTimeoutMs: "500" });
    const onPoll = jest.fn();
    const sleep = jest.fn((_ms: number) => Promise.resolve());
    expect(mergedPollOptions({ onPoll, sleep })).toEqual({
      initialIntervalMs: 7,
      timeoutMs: 500,
      onPoll,
      sleep,
    });

    await emu.admin.updateSettings({ usagePollsBeforeComplete: 1000 });
    const err = await getOauthClientUsageSummary(
      { clientId: emu.clientId, days: 1 },
      { poll: { onPoll, sleep } },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UsageQueryError);
    expect((err as UsageQueryError).reason).toBe("timeout");
    const waits = sleep.mock.calls.map(([ms]) => ms);
    expect(waits[0]).toBe(7);
    // The configured budget (500 ms), not the 10-minute default, ended the polling.
    expect(waits.reduce((a, b) => a + b, 0)).toBe(500);
    expect(onPoll).toHaveBeenCalled();
  });

  it("let the fields given in opts.poll win", () => {
    configure({ usagePollIntervalMs: "7", usagePollTimeoutMs: "500" });
    expect(mergedPollOptions({ timeoutMs: 90, initialIntervalMs: undefined })).toEqual({
      initialIntervalMs: 7,
      timeoutMs: 90,
    });
  });
});
