/**
 * What the provider prints (the CLI shows the host's output as diagnostics): how a client is
 * named in a message when its name is not known yet (preview), and the rotation message, which
 * must be true both in an update's diff and in the refresh display (the engine calls diff
 * inverted there).
 */
import { OAuthClientProvider } from "../../../provider/oauthClient/provider";
import { CLIENT_ID, RAW, U, checked, outputsOf } from "./fixtures";

const CONFIG: Record<string, string> = {
  "genesyscloud:apiUrl": "http://127.0.0.1:9",
  "genesyscloud:oauthclientId": "3e1f6c2a-1b4d-4e5f-9a8b-7c6d5e4f3a2b",
  "genesyscloud:oauthclientSecret": "not-used",
};

async function configured(): Promise<OAuthClientProvider> {
  const provider = new OAuthClientProvider();
  await provider.configure({ config: { get: (k: string) => CONFIG[k] } } as never);
  return provider;
}

/** Every line printed to stdout and stderr while `run` runs. */
async function printed(run: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const capture = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  const log = jest.spyOn(console, "log").mockImplementation(capture);
  const warn = jest.spyOn(console, "warn").mockImplementation(capture);
  try {
    await run();
  } finally {
    log.mockRestore();
    warn.mockRestore();
  }
  return lines;
}

const legacy = { ...RAW["CLIENT-CREDENTIALS"], authorizedGrantType: "CLIENT_CREDENTIALS" };

describe("check warnings name the client only by a known name", () => {
  it.each<[string, unknown, string]>([
    ["a known name", "billing-sync", 'OAuth client "billing-sync": '],
    ["an unknown name (preview)", U, "an OAuth client: "],
    ["no name at all", undefined, "an OAuth client: "],
  ])("with %s", async (_, name, prefix) => {
    const provider = await configured();
    const lines = await printed(() => provider.check({}, { ...legacy, name }));
    expect(lines).toEqual([expect.stringMatching(/legacy spelling/)]);
    expect(lines[0].startsWith(prefix)).toBe(true);
    expect(lines[0]).not.toContain(U);
  });
});

describe("the rotation message of diff", () => {
  const inputs = checked({ ...RAW["CLIENT-CREDENTIALS"], rotateAfterDays: 1 });
  // Created long before any clock this test runs on: the daily rotation is due.
  const olds = { ...outputsOf(inputs), dateCreated: "2020-05-03T10:00:00.000Z" };

  it("states what is due and what regenerates it (true in a preview and a refresh display)", async () => {
    const provider = await configured();
    const lines = await printed(() => provider.diff(CLIENT_ID, olds, inputs));
    expect(lines).toEqual([
      `OAuth client "billing-sync" (${CLIENT_ID}): secret rotation due: created 2020-05-03, ` +
        "never rotated, every 1 day — the next pulumi up regenerates it",
    ]);
  });

  it("names the client by its id when the name is not known yet", async () => {
    const provider = await configured();
    const lines = await printed(() => provider.diff(CLIENT_ID, olds, { ...inputs, name: U }));
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^OAuth client ${CLIENT_ID}: secret rotation due: `)),
    ]);
  });

  it("says a trigger change plainly", async () => {
    const provider = await configured();
    const triggered = checked({ ...RAW["CLIENT-CREDENTIALS"], secretRotationTrigger: "v2" });
    const lines = await printed(() =>
      provider.diff(CLIENT_ID, outputsOf(checked(RAW["CLIENT-CREDENTIALS"])), triggered),
    );
    expect(lines).toEqual([
      `OAuth client "billing-sync" (${CLIENT_ID}): secret rotation due: secretRotationTrigger ` +
        "changed — the next pulumi up regenerates it",
    ]);
  });
});
