/**
 * examples/drift-detection through the real dynamic-provider host against the emulator, checking
 * what its README promises: an edit made in the admin UI shows in `pulumi preview --refresh` as
 * `~ update [diff: ~description]` without changing anything, and `pulumi up` reverts it. The
 * credentials come from the environment, as in the workflow.
 */
import { EMULATOR_ROLE_IDS, startEmulator, type RunningEmulator } from "../../provider/emulator";
import { Engine, formatSteps, type StackSettings } from "../../provider/testing";
import { CONNECTION_ENV, REPO_ROOT, captureExample, exampleStack, readStackFile } from "./helpers";

const EXAMPLE = "drift-detection";
const DECLARED = "Agent portal sign-in. Managed by Pulumi: edits in the admin UI are reverted.";

describe("examples/drift-detection against the emulator", () => {
  let emulator: RunningEmulator;
  let engine: Engine;
  let stack: StackSettings;
  let portalId: string;

  /** The portal client as the org has it now. */
  async function portal(): Promise<{ description?: string }> {
    const client = (await emulator.admin.clients()).find((c) => c.id === portalId);
    if (!client) throw new Error("the portal client is gone");
    return client;
  }

  beforeAll(async () => {
    emulator = await startEmulator();
    // The dev stack file as it is, with the emulator's seeded role for the export client; the
    // emulator's address and credentials come from the environment, as in the CI job.
    stack = exampleStack(EXAMPLE, "dev", {
      ...readStackFile(EXAMPLE, "dev"),
      exportRoleId: EMULATOR_ROLE_IDS.supervisor,
    });
    const env: Record<string, string | undefined> = Object.fromEntries(
      CONNECTION_ENV.map((name) => [name, undefined]),
    );
    engine = await Engine.start({
      projectDir: REPO_ROOT,
      stack,
      env: {
        ...env,
        GENESYSCLOUD_API_URL: emulator.apiUrl,
        GENESYSCLOUD_OAUTHCLIENT_ID: emulator.clientId,
        GENESYSCLOUD_OAUTHCLIENT_SECRET: emulator.clientSecret,
      },
    });
    const up = await engine.up(await captureExample(EXAMPLE, stack));
    expect(up.errors).toEqual([]);
    portalId = engine.resource("agent-portal")?.id ?? "";
  });
  afterAll(async () => {
    await engine?.close();
    await emulator?.close();
  });

  const previewRefresh = async () =>
    engine.preview(await captureExample(EXAMPLE, stack, { preview: true }), { refresh: true });

  test("with no edits, preview --refresh finds no changes", async () => {
    const preview = await previewRefresh();
    expect(preview.errors).toEqual([]);
    expect(preview.steps.filter((s) => !["same", "refresh-same"].includes(s.op))).toEqual([]);
  });

  test("an admin-UI edit shows as ~ update [diff: ~description], and the preview changes nothing", async () => {
    await emulator.admin.patchClient(portalId, { description: "Edited by hand in the admin UI" });
    await emulator.admin.clearRequests();

    const preview = await previewRefresh();
    expect(preview.errors).toEqual([]);
    const program = preview.steps.filter((s) => !s.op.startsWith("refresh"));
    expect(program.map((s) => [s.name, s.op, s.diffKeys]).sort()).toEqual([
      ["agent-portal", "update", ["description"]],
      ["reporting-export", "same", []],
    ]);
    expect(formatSteps(preview)).toMatch(/~ .*agent-portal +update +\[diff: ~description\]/);
    // A preview only reads: GETs (and the token request), nothing else.
    const requests = await emulator.admin.requests();
    expect(requests.filter((r) => r.method !== "GET" && r.path !== "/oauth/token")).toEqual([]);
    expect((await portal()).description).toBe("Edited by hand in the admin UI");
  });

  test("pulumi up puts the declared description back, and the next check is clean", async () => {
    const up = await engine.up(await captureExample(EXAMPLE, stack), { refresh: true });
    expect(up.errors).toEqual([]);
    expect((await portal()).description).toBe(DECLARED);

    const preview = await previewRefresh();
    expect(preview.steps.filter((s) => !["same", "refresh-same"].includes(s.op))).toEqual([]);
  });
});
