/**
 * The root program through the engine-protocol driver against the emulator: what the program
 * registers is captured with the real SDK, and the real dynamic-provider host (running the built
 * package from node_modules, as under `pulumi up`) creates, checks and deletes the clients in the
 * emulated org. The dev stack's config is used, pointed at the emulator, with the emulator's role
 * ids as the per-org variables. Needs `npm run build` first.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../provider/emulator";
import { Engine, captureProgram, formatSteps, isSecret } from "../../provider/testing";
import program from "../../stack/index";
import { PROJECT_DIR, rootStack, stackVars } from "./helpers";

const HOST_ENTRY = path.join(PROJECT_DIR, "dist", "host.js");

let emu: RunningEmulator;
let engine: Engine;

/** The dev stack pointed at the emulator, with the emulator's roles as the org's role ids. */
function devStackOnEmulator(): ReturnType<typeof rootStack> {
  const role = (name: string): string => {
    const found = emu.roles.find((r) => r.name === name);
    if (!found) throw new Error(`the emulator has no role ${name}`);
    return found.id;
  };
  return rootStack("dev", {
    "genesyscloud:apiUrl": emu.apiUrl,
    "genesyscloud:loginUrl": emu.loginUrl,
    "genesyscloud:oauthclientId": emu.clientId,
    "genesyscloud:oauthclientSecret": { secret: emu.clientSecret },
    // The deletion guard polls the usage API; poll quickly against the emulator.
    "genesyscloud:usagePollIntervalMs": "50",
    "genesys-oauth-clients:vars": JSON.stringify({
      ...stackVars("dev"),
      developerRoleId: role("Developer"),
      telephonyAdminRoleId: role("Telephony Admin"),
    }),
  });
}

beforeAll(async () => {
  if (!fs.existsSync(HOST_ENTRY)) throw new Error(`${HOST_ENTRY} is missing: run npm run build`);
  emu = await startEmulator();
  engine = await Engine.start({ projectDir: PROJECT_DIR, stack: devStackOnEmulator() });
});

afterAll(async () => {
  await engine?.close();
  await emu?.close();
});

/** The clients the emulated org holds, other than the bootstrap client. */
async function orgClients(): Promise<Awaited<ReturnType<RunningEmulator["admin"]["clients"]>>> {
  return (await emu.admin.clients()).filter((c) => c.id !== emu.clientId);
}

test("preview plans, up creates, a second preview is a no-op, destroy deletes", async () => {
  const stack = devStackOnEmulator();
  const capture = await captureProgram(program, { stack });
  const keys = ["agent-desktop-sso", "ci-bot", "legacy-wallboard", "web-portal"];

  const preview = await engine.preview(capture);
  expect(preview.ok).toBe(true);
  expect(preview.summary).toEqual({ create: 4 });
  expect(await orgClients()).toEqual([]);

  const up = await engine.up(capture);
  expect(up.errors).toEqual([]);
  expect(up.summary).toEqual({ create: 4 });
  const clients = await orgClients();
  const byName = Object.fromEntries(clients.map((c) => [c.name, c]));
  expect(Object.keys(byName).sort()).toEqual([
    "Agent desktop (SSO)",
    "CI deploy bot",
    "Customer portal",
    "Legacy wallboard",
  ]);
  const vars = JSON.parse(stack.config["genesys-oauth-clients:vars"] as string) as Record<
    string,
    string
  >;
  expect(byName["CI deploy bot"]).toMatchObject({
    authorizedGrantType: "CLIENT-CREDENTIALS",
    accessTokenValiditySeconds: 7200,
    state: "active",
  });
  expect(byName["CI deploy bot"].roleDivisions).toEqual(
    expect.arrayContaining([
      { roleId: vars.developerRoleId, divisionId: emu.homeDivisionId },
      { roleId: vars.telephonyAdminRoleId, divisionId: "*" },
    ]),
  );
  expect(byName["Customer portal"].registeredRedirectUri?.sort()).toEqual([
    "https://portal.dev.example.com/oauth/callback",
    "https://portal.dev.example.com/oauth/silent-refresh",
  ]);
  expect(byName["Legacy wallboard"].state).toBe("inactive");
  // Each client's id is in the state; its secret only as a secret.
  for (const key of keys) {
    const state = engine.resource(key);
    expect(clients.map((c) => c.id)).toContain(state?.outputs.clientId);
    expect(isSecret(state?.outputs.clientSecret)).toBe(true);
  }
  const snapshot = JSON.stringify(engine.stateSnapshot());
  expect(snapshot).not.toContain(emu.clientSecret);

  const again = await engine.preview(await captureProgram(program, { stack }));
  expect(again.errors).toEqual([]);
  expect(again.summary).toEqual({ same: 4 });
  expect(formatSteps(again)).not.toMatch(/[+~-] {3}pulumi-nodejs/);

  const destroy = await engine.destroy();
  expect(destroy.errors).toEqual([]);
  expect(destroy.summary).toEqual({ delete: 4 });
  expect(await orgClients()).toEqual([]);
  expect(engine.state).toEqual([]);
});
