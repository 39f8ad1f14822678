/**
 * `npm run demo`: the root stack's program (stack/index.ts + oauth-clients.yaml) taken through a
 * whole life against the bundled emulator, with no Pulumi CLI and no Genesys org. The program runs
 * under the real Pulumi SDK, the resources go through the real dynamic-provider host over gRPC,
 * and the engine driver plays the Pulumi engine. Every step is checked; any surprise exits 1.
 *
 * preview → up → outputs (secrets masked) → an edit in the "admin UI" → preview --refresh shows
 * exactly that drift → up --refresh reverts it → rotate a secret with its trigger → destroy.
 */
import * as path from "path";
import { catalogStackProgram } from "../catalog/program";
import type { ClientCatalog } from "../catalog/format";
import { EMULATOR_ROLES, startEmulator, type RunningEmulator } from "../emulator";
import {
  captureProgram,
  Engine,
  formatSteps,
  isSecret,
  mockFromState,
  type OperationResult,
  type StackSettings,
} from "../testing";
import { DemoFailure, expectThat, tokenAccepted } from "./checks";

/** The repository root: the root stack's project directory. */
const PROJECT_DIR = path.resolve(__dirname, "../..");
const PORTAL = "web-portal";
const BOT = "ci-bot";

function roleId(name: string): string {
  const role = EMULATOR_ROLES.find((r) => r.name === name);
  if (!role) throw new DemoFailure(`the emulator has no role named ${name}`);
  return role.id;
}

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

function show(command: string, result: OperationResult, mask: string[]): void {
  say(`\n$ ${command}`);
  // The capture's stack outputs come from mocks; the real ones are printed by showOutputs.
  const { stackOutputs: _mocked, ...rest } = result;
  say(formatSteps(rest, { mask }));
  if (!result.ok) throw new DemoFailure(`${command} failed:\n  ${result.errors.join("\n  ")}`);
}

/** The stack outputs as `pulumi up` prints them: the program evaluated with the real outputs. */
async function showOutputs(engine: Engine, stack: StackSettings, program: () => unknown) {
  const evaluated = await captureProgram(program, {
    stack,
    newResource: mockFromState(engine.state),
  });
  say("Outputs:");
  for (const [key, value] of Object.entries(evaluated.stackOutputs)) {
    say(`    ${key}: ${JSON.stringify(value, null, 4).replace(/\n/g, "\n    ")}`);
  }
}

/** The dev-like stack config of the root project, pointed at the emulator. */
function stackFor(emulator: RunningEmulator): StackSettings {
  const vars = {
    developerRoleId: roleId("Developer"),
    telephonyAdminRoleId: roleId("Telephony Admin"),
    portalHost: "portal.demo.example.com",
    wallboardHost: "wallboard.demo.example.com",
    automationTokenLifetimeSeconds: 3600,
    portalTokenLifetimeSeconds: 28800,
    secretMaxAgeDays: 90,
  };
  return {
    project: "genesys-oauth-clients",
    stack: "demo",
    config: {
      "genesyscloud:apiUrl": emulator.apiUrl,
      "genesyscloud:oauthclientId": emulator.clientId,
      "genesyscloud:oauthclientSecret": { secret: emulator.clientSecret },
      "genesys-oauth-clients:vars": JSON.stringify(vars),
    },
  };
}

/** The root program, optionally with a different rotation trigger for the CI bot. */
function rootProgram(trigger?: string): () => unknown {
  const transform = (catalog: ClientCatalog): ClientCatalog =>
    trigger === undefined
      ? catalog
      : {
          ...catalog,
          entries: catalog.entries.map((e) =>
            e.key === BOT ? { ...e, args: { ...e.args, secretRotationTrigger: trigger } } : e,
          ),
        };
  return () => catalogStackProgram({ projectDir: PROJECT_DIR, transform });
}

async function apiWrites(emulator: RunningEmulator): Promise<string[]> {
  const log = await emulator.admin.requests();
  return log
    .filter((r) => r.path.startsWith("/api/") && r.method !== "GET")
    .map((r) => `${r.method} ${r.path}`);
}

async function run(emulator: RunningEmulator, engine: Engine, stack: StackSettings) {
  const mask = [emulator.clientSecret];
  const capture = (trigger?: string, preview = false) =>
    captureProgram(rootProgram(trigger), { stack, preview });

  const preview = await engine.preview(await capture(undefined, true));
  show("pulumi preview", preview, mask);
  expectThat(preview.summary.create === 4, "preview plans 4 creates");
  expectThat((await emulator.admin.requests()).length === 0, "preview calls no API");

  const up = await engine.up(await capture());
  show("pulumi up --yes", up, mask);
  await showOutputs(engine, stack, rootProgram());
  expectThat(up.summary.create === 4, "up creates 4 clients");
  const bot = engine.resource(BOT);
  const secret = bot?.outputs.clientSecret;
  expectThat(isSecret(secret), "the client secret is stored as a secret");
  const firstSecret = String((secret as { value: unknown }).value);
  mask.push(firstSecret);
  expectThat(
    !JSON.stringify(engine.stateSnapshot()).includes(firstSecret),
    "no plaintext secret in the state",
  );
  const portalId = engine.resource(PORTAL)?.id as string;

  say(`\n# Someone edits "Customer portal" in the Genesys Cloud admin UI (out of band).`);
  await emulator.admin.patchClient(portalId, { description: "temporary test description" });
  await emulator.admin.clearRequests();
  const drift = await engine.preview(await capture(), { refresh: true });
  show("pulumi preview --refresh", drift, mask);
  const portalSteps = drift.steps.filter((s) => s.name === PORTAL && s.op === "update");
  expectThat(portalSteps.length === 1, "preview --refresh shows the portal as an update");
  expectThat(
    JSON.stringify(portalSteps[0].diffKeys) === JSON.stringify(["description"]),
    `the drift is exactly [description] (got ${JSON.stringify(portalSteps[0].diffKeys)})`,
  );
  expectThat((await apiWrites(emulator)).length === 0, "preview --refresh changes nothing");

  const revert = await engine.up(await capture(), { refresh: true });
  show("pulumi up --refresh --yes", revert, mask);
  const live = (await emulator.admin.clients()).find((c) => c.id === portalId);
  expectThat(live?.description === "Customer self-service portal sign-in.", "up reverted the edit");

  say(`\n# Rotate the CI bot's secret: secretRotationTrigger "2026-Q4" → "2027-Q1".`);
  await emulator.admin.clearRequests();
  const rotate = await engine.up(await capture("2027-Q1"));
  show("pulumi up --yes", rotate, mask);
  const writes = await apiWrites(emulator);
  expectThat(
    writes.length === 1 && writes[0].endsWith("/secret"),
    `rotation is one POST …/secret (got ${writes.join(", ")})`,
  );
  const rotated = String((engine.resource(BOT)?.outputs.clientSecret as { value: unknown }).value);
  mask.push(rotated);
  const botId = engine.resource(BOT)?.id as string;
  expectThat(rotated !== firstSecret, "the secret changed");
  expectThat(
    !(await tokenAccepted(emulator.loginUrl, botId, firstSecret)),
    "the old secret is refused",
  );
  expectThat(await tokenAccepted(emulator.loginUrl, botId, rotated), "the new secret logs in");
  say("  old secret refused by the token endpoint; new secret accepted");

  const destroy = await engine.destroy();
  show("pulumi destroy --yes", destroy, mask);
  const remaining = (await emulator.admin.clients()).filter(
    (c) => c.id !== emulator.clientId && c.state !== "deleted",
  );
  expectThat(remaining.length === 0 && engine.state.length === 0, "destroy removed every client");
}

async function main(): Promise<number> {
  const started = Date.now();
  say("Genesys Cloud OAuth clients as code: demo against the bundled emulator");
  say("(real Pulumi SDK and dynamic-provider host; no Pulumi CLI, no Genesys org needed)");
  const emulator = await startEmulator();
  const stack = stackFor(emulator);
  say(`\nEmulator: ${emulator.apiUrl}   Program: stack/index.ts + oauth-clients.yaml`);
  let engine: Engine | undefined;
  try {
    engine = await Engine.start({ projectDir: PROJECT_DIR, stack });
    await run(emulator, engine, stack);
    say(
      `\nDemo finished: every step behaved as expected (${((Date.now() - started) / 1000).toFixed(1)} s).`,
    );
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`\ndemo FAILED: ${message}\n`);
    return 1;
  } finally {
    await engine?.close();
    await emulator.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`demo FAILED: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
