/**
 * The client survives Pulumi's closure serialization: nothing live (axios, axios-retry, agents,
 * timers) exists before the first request, a used client still serializes, and no credential is
 * captured. `@pulumi/pulumi` is only used here, in the test.
 */
import * as pulumi from "@pulumi/pulumi";
import { harness, type Harness } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const requireFromString = require("require-from-string") as (code: string) => {
  handler: () => unknown;
};

describe("loading and construction create nothing live", () => {
  it("does not load axios or axios-retry before the first request", async () => {
    const loaded: string[] = [];
    let api: import("../../provider/api").OAuthApi | undefined;
    jest.isolateModules(() => {
      jest.doMock("axios", () => {
        loaded.push("axios");
        return jest.requireActual("axios");
      });
      jest.doMock("axios-retry", () => {
        loaded.push("axios-retry");
        return jest.requireActual("axios-retry");
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require("../../provider/api") as typeof import("../../provider/api");
      api = new mod.OAuthApi(
        {
          apiUrl: "http://127.0.0.1:9",
          loginUrl: "http://127.0.0.1:9",
          credentials: { kind: "accessToken", accessToken: "t" },
        },
        { maxRetries: 0 },
      );
      expect(loaded).toEqual([]);
    });
    await api?.getOauthScopes().catch(() => undefined);
    expect(loaded).toEqual(["axios", "axios-retry"]);
    api?.connection.close();
  });
});

describe("Pulumi closure serialization", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(async () => {
    await h.close();
  });

  it("serializes a client that has already made requests, without its credentials", async () => {
    const api = h.api;
    await api.getOauthScopes(); // axios, interceptors, agents and a token now exist
    const serialized = await pulumi.runtime.serializeFunction(() => api, { allowSecrets: false });
    expect(serialized.text).not.toContain(h.emu.clientSecret);
    expect(serialized.text).not.toMatch(/Bearer [A-Za-z0-9_-]{20,}/);

    const copy = requireFromString(serialized.text).handler() as typeof api;
    // A copy has no credentials, and says so (its error keeps its text through serialization).
    await expect(copy.getOauthScopes()).rejects.toMatchObject({
      name: "GenesysSettingsError",
      message: expect.stringMatching(/has no credentials in this process/),
    });
    // The original keeps working.
    await expect(api.getOauthScopes()).resolves.toMatchObject({ entities: expect.any(Array) });
  }, 30_000);
});
