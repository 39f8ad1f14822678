/**
 * Bad input through the real host: every malformed resource input of the shared table
 * (`tests/support/bad-inputs.ts`) is added to a stack that already manages a client. Each `up`
 * must fail the bad resource's step with a check failure naming the field, send no request at all
 * to the org (so certainly no write), and leave the existing client and the state exactly as they
 * were. The inputs are sent as the engine would put them on the wire, without the resource
 * class's defaults (which would, e.g., replace a `null` name by the resource name).
 */
import type { OAuthClientArgs } from "../../provider";
import { EMULATOR_ROLE_IDS } from "../../provider/emulator";
import type { CapturedRegistration, OperationResult, ResourceState } from "../../provider/testing";
import { BAD_INPUTS, type BadInput } from "../support/bad-inputs";
import { clientsProgram, startHarness, stepOf, type Harness } from "../resource/harness";
import { Scenario } from "./support/figures";
import { finish, rememberHosts } from "./support/hygiene";
import { checkOrg, NO_PROBLEMS, problems } from "./support/org";
import { apiWrites } from "./support/requests";

const scenario = new Scenario(
  "bad-input",
  "Bad input",
  "Malformed resource inputs through the host",
  __filename,
);

const EXISTING: OAuthClientArgs = {
  name: "already-managed",
  authorizedGrantType: "CLIENT-CREDENTIALS",
  roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }],
  secretRotationTrigger: "1",
};

/**
 * Entries that cannot cross the wire as they are (the unit tests check them in-process): NaN and
 * Infinity (`jsonSafe: false`: protobuf Structs carry JSON numbers), and a lone surrogate, which
 * protobuf's UTF-8 encoding turns into U+FFFD, a valid character (see the note in the report).
 */
function wireSafe(b: BadInput): boolean {
  // A well-formed JSON.stringify writes a lone surrogate as a \uD8xx-\uDFxx escape.
  return b.jsonSafe !== false && !/\\u[dD][89a-fA-F]/.test(JSON.stringify(b.inputs));
}
const WIRE_SAFE = BAD_INPUTS.filter(wireSafe);
const SKIPPED = BAD_INPUTS.length - WIRE_SAFE.length;

describe("bad input through the host", () => {
  let h: Harness;
  let program: CapturedRegistration[];
  let orgBefore: string;
  let stateBefore: string;
  let original: ResourceState[];

  beforeAll(async () => {
    h = await startHarness();
    expect((await h.up({ existing: EXISTING })).errors).toEqual([]);
    // A placeholder whose inputs each case replaces with a malformed set.
    const capture = await h.capture(
      clientsProgram({
        existing: EXISTING,
        bad: { authorizedGrantType: "CODE", scope: ["users"] },
      }),
    );
    program = capture.registrations;
    orgBefore = JSON.stringify(await h.emulator.admin.clients());
    stateBefore = JSON.stringify(h.engine.stateSnapshot());
    original = [...h.engine.state];
    scenario.set("malformed inputs in the shared table", BAD_INPUTS.length);
    scenario.set("skipped: cannot cross the wire (NaN, Infinity, a lone surrogate)", SKIPPED);
    rememberHosts();
  });
  afterAll(async () => {
    await finish(scenario, async () => {
      await h?.close();
    });
  });

  afterEach(async () => {
    // Should a case wrongly create something, put the org and the state back, so that one
    // failure does not fail every later case.
    if (JSON.stringify(h.engine.stateSnapshot()) === stateBefore) return;
    const known = new Set((JSON.parse(orgBefore) as { id: string }[]).map((c) => c.id));
    for (const c of await h.emulator.admin.clients()) {
      if (!known.has(c.id as string)) await h.emulator.admin.deleteClient(c.id as string);
    }
    h.engine.setState(original);
  });

  /** `up` of the stack with `bad` added. */
  async function upWith(bad: BadInput): Promise<OperationResult> {
    const registrations = program.map((r) =>
      r.name === "bad" ? { ...r, inputs: { __provider: r.inputs.__provider, ...bad.inputs } } : r,
    );
    return h.engine.up(registrations as CapturedRegistration[]);
  }

  for (const bad of WIRE_SAFE) {
    scenario.it(
      `refuses ${bad.title}, naming ${bad.expectProperty}, and touches nothing`,
      async () => {
        await h.clearLog();
        const result = await upWith(bad);
        expect(result.ok).toBe(false);
        const failures = stepOf(result, "bad").checkFailures ?? [];
        const named = failures.find((f) => f.property === bad.expectProperty);
        expect({ failures, named: named !== undefined }).toMatchObject({ named: true });
        expect(named?.reason).toMatch(bad.expectReason);

        const log = await h.emulator.admin.requests();
        expect(log).toEqual([]);
        expect(JSON.stringify(await h.emulator.admin.clients())).toBe(orgBefore);
        expect(JSON.stringify(h.engine.stateSnapshot())).toBe(stateBefore);

        scenario.add("malformed inputs sent through the host");
        scenario.add("refused with a check failure naming the field", 1);
        scenario.add("requests that reached the org", log.length);
        scenario.add("API writes", apiWrites(log).length);
      },
    );
  }

  scenario.it("leaves the existing client exactly as it was, and its secret working", async () => {
    const end = await checkOrg(h.emulator, [h.engine]);
    expect(problems(end)).toEqual(NO_PROBLEMS);
    expect(end).toMatchObject({ managed: 1, live: 1, secretsVerified: 1 });
    scenario.set("existing client changed", 0);
    scenario.set("state changed", 0);
    scenario.note(
      "Each malformed input is added next to a client the stack already manages; after each " +
        "`up` the org (every client, dates included) and the state snapshot are compared byte " +
        "for byte with their values before the first case.",
    );
  });
});
