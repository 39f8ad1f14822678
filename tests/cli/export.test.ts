/**
 * `genesys-oauth export` end to end against the emulator: the file it writes, what it skips and
 * why, and that applying the written catalog adopts every client without a single write to the
 * org. The CLI runs in-process (`runCli`) and once as the compiled bin (`npm run build` first).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { declareOAuthClients, loadClientCatalog } from "../../provider/catalog";
import { runCli } from "../../provider/cli/export";
import { startEmulator, type RunningEmulator } from "../../provider/emulator";
import { Engine, captureProgram, type StackSettings } from "../../provider/testing";
import { runChild, stopChildren } from "../support/children";
import { seedOrg, type SeededOrg } from "./org";

const PROJECT_DIR = path.resolve(__dirname, "..", "..");
const BIN = path.join(PROJECT_DIR, "dist", "cli", "export.js");
const NOW = new Date("2026-05-04T03:02:01.000Z");

let emu: RunningEmulator;
let org: SeededOrg;
let dir: string;
let env: Record<string, string>;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(
  args: string[],
  extraEnv: Record<string, string | undefined> = env,
): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    env: extraEnv,
    cwd: dir,
    now: () => NOW,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

/** Runs the compiled bin; it is stopped well before the test's jest timeout (60 s). */
async function bin(args: string[], extraEnv: Record<string, string>): Promise<Run> {
  const { code, stdout, stderr } = await runChild(process.execPath, [BIN, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", ...extraEnv },
    timeoutMs: 30_000,
  });
  return { code: code ?? -1, stdout, stderr };
}

function expectNoSecret(...texts: string[]): void {
  for (const text of texts) {
    for (const secret of [emu.clientSecret, ...org.secrets]) expect(text).not.toContain(secret);
  }
}

beforeAll(async () => {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
  emu = await startEmulator();
  org = await seedOrg(emu);
  env = {
    GENESYSCLOUD_API_URL: emu.apiUrl,
    GENESYSCLOUD_OAUTHCLIENT_ID: emu.clientId,
    GENESYSCLOUD_OAUTHCLIENT_SECRET: emu.clientSecret,
  };
});

afterAll(async () => {
  await emu?.close();
});

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "genesys-oauth-export-"));
});

afterEach(async () => {
  await stopChildren(); // a bin still running when its test timed out
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the exported file", () => {
  let run: Run;
  let text: string;

  beforeEach(async () => {
    run = await cli(["export"]);
    text = fs.readFileSync(path.join(dir, "oauth-clients.yaml"), "utf8");
  });

  test("adopts every manageable client with its fields exactly as the org has them", () => {
    expect(run.code).toBe(0);
    const catalog = loadClientCatalog(path.join(dir, "oauth-clients.yaml"));
    const byKey = Object.fromEntries(catalog.entries.map((e) => [e.key, e.args]));
    expect(Object.keys(byKey)).toEqual([
      "agent-sso",
      "ci-bot",
      "customer-portal",
      "customer-portal-2",
      "kiosk",
      "wallboard-implicit",
    ]);
    const ci = org.exported["CI bot"];
    expect(byKey["ci-bot"]).toEqual({
      name: "CI bot",
      adoptClientId: ci.id,
      description: "Deploys config; costs ${budget} per run",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      accessTokenValiditySeconds: 3600,
      // Explicit divisions as the org reports them (the home division too), sorted.
      roleDivisions: [...(ci.roleDivisions ?? [])].sort((a, b) =>
        a.roleId === b.roleId
          ? a.divisionId.localeCompare(b.divisionId)
          : a.roleId.localeCompare(b.roleId),
      ),
      state: "active",
    });
    expect(byKey["ci-bot"].roleDivisions).toHaveLength(4);
    expect(byKey["customer-portal"]).toEqual({
      name: "Customer Portal",
      adoptClientId: org.exported["Customer Portal"].id,
      authorizedGrantType: "CODE",
      accessTokenValiditySeconds: 86400,
      registeredRedirectUri: ["https://portal.example.com/alt", "https://portal.example.com/cb"],
      scope: ["user-basic-info", "users:readonly"],
      state: "active",
    });
    expect(byKey["customer-portal-2"]).toMatchObject({
      name: "customer portal",
      description: "old portal, kept inactive",
      state: "inactive",
    });
    expect(byKey["wallboard-implicit"]).toMatchObject({
      authorizedGrantType: "TOKEN",
      accessTokenValiditySeconds: 600,
    });
    expect(byKey["agent-sso"].authorizedGrantType).toBe("SAML2-BEARER");
    expect(byKey.kiosk.authorizedGrantType).toBe("PASSWORD");
    for (const args of Object.values(byKey)) {
      expect(args).not.toHaveProperty("secretRotationTrigger");
      expect(args).not.toHaveProperty("rotateAfterDays");
    }
    // The ${ in the description is written escaped, so it stays literal.
    expect(text).toContain("costs $${budget} per run");
  });

  test("records the export time and the skipped clients at the top, and never a secret", () => {
    const header = text.slice(0, text.indexOf("\nclients:"));
    expect(header).toContain(`at ${NOW.toISOString()}`);
    expect(header).toContain(`Genesys Cloud org at ${emu.apiUrl}`);
    expect(header).toContain("Exported 6 clients; skipped 4:");
    const { disabled, deleted, unmanageable } = org.skipped;
    expect(header).toMatch(
      new RegExp(`"Vendor integration" \\(${disabled.id}\\): disabled by Genesys support`),
    );
    expect(header).toMatch(new RegExp(`"Old import job" \\(${deleted.id}\\): being deleted`));
    expect(header).toMatch(
      new RegExp(
        `"Odd one" \\(${unmanageable.id}\\): the provider cannot declare it .*scope is required`,
      ),
    );
    expect(header).toMatch(
      new RegExp(
        `"Emulator bootstrap admin" \\(${emu.clientId}\\): the client of the credentials running this export`,
      ),
    );
    expect(header.split("\n").every((l) => l === "" || l.startsWith("#"))).toBe(true);
    expectNoSecret(text, run.stdout, run.stderr);
  });

  test("summarizes on stderr what was exported and what was skipped, and why", () => {
    expect(run.stdout).toBe("");
    const lines = run.stderr.split("\n");
    expect(lines[0]).toBe(`Exported 6 OAuth clients from ${emu.apiUrl} to oauth-clients.yaml.`);
    expect(run.stderr).toMatch(/^ {2}customer-portal-2 +"customer portal" \(CODE, inactive\)$/m);
    expect(run.stderr).toMatch(/^Skipped 4:$/m);
    expect(run.stderr).toMatch(/^ {2}"Vendor integration" \(.*\): disabled by Genesys support/m);
    expect(run.stderr).toMatch(
      /^ {2}"Old import job" \(.*\): being deleted \(removed for good on 2030/m,
    );
    expect(run.stderr).toMatch(/pass --include-self to export it anyway/);
  });
});

describe("applying the exported catalog", () => {
  let engine: Engine;

  afterEach(async () => {
    await engine?.close();
  });

  test("adopts every client with zero writes to the org, then shows no changes", async () => {
    const run = await cli(["export"]);
    expect(run.code).toBe(0);
    const catalog = loadClientCatalog(path.join(dir, "oauth-clients.yaml"));
    const stack: StackSettings = {
      project: "exported-catalog",
      stack: "dev",
      config: {
        "genesyscloud:apiUrl": emu.apiUrl,
        "genesyscloud:oauthclientId": emu.clientId,
        "genesyscloud:oauthclientSecret": { secret: emu.clientSecret },
      },
    };
    engine = await Engine.start({ projectDir: PROJECT_DIR, stack });
    const program = (): unknown => {
      declareOAuthClients(catalog);
      return {};
    };

    const preview = await engine.preview(await captureProgram(program, { stack }));
    expect(preview.errors).toEqual([]);
    expect(preview.summary).toEqual({ create: 6 });

    const before = await emu.admin.clients();
    await emu.admin.clearRequests();
    const up = await engine.up(await captureProgram(program, { stack }));
    expect(up.errors).toEqual([]);
    expect(up.summary).toEqual({ create: 6 });
    const requests = await emu.admin.requests();
    const writes = requests.filter((r) => r.method !== "GET" && r.path !== "/oauth/token");
    expect(writes).toEqual([]);
    expect(requests.filter((r) => r.method === "GET").length).toBeGreaterThanOrEqual(6);
    // Nothing changed in the org: same clients, same fields, same modification dates.
    expect(await emu.admin.clients()).toEqual(before);
    for (const [key, client] of Object.entries({
      "ci-bot": org.exported["CI bot"],
      "customer-portal-2": org.exported["customer portal"],
    })) {
      expect(engine.resource(key)?.id).toBe(client.id);
    }

    const again = await engine.preview(await captureProgram(program, { stack }));
    expect(again.errors).toEqual([]);
    expect(again.summary).toEqual({ same: 6 });
  });
});

describe("output choices", () => {
  test("--stdout writes the catalog to stdout and no file; the compiled bin does the same", async () => {
    const inProcess = await cli(["export", "--stdout"]);
    expect(inProcess.code).toBe(0);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(inProcess.stdout).toMatch(/^# oauth-clients\.yaml — the OAuth clients/);
    expect(inProcess.stderr).toMatch(/to standard output\./);

    const compiled = await bin(["export", "--stdout"], env);
    expect(compiled.stderr).toMatch(/^Exported 6 OAuth clients/);
    expect(compiled.code).toBe(0);
    const withoutTime = (t: string): string => t.replace(/ at \d{4}-[^ ]+Z\./, " at <time>.");
    expect(withoutTime(compiled.stdout)).toBe(withoutTime(inProcess.stdout));
    expectNoSecret(compiled.stdout, compiled.stderr);
  });

  test("--include-self also exports the credentials' own client", async () => {
    const run = await cli(["export", "--stdout", "--include-self"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`adoptClientId: ${emu.clientId}`);
    expect(run.stdout).toContain("Exported 7 clients; skipped 3:");
  });

  test("refuses to overwrite a file without --force, and overwrites it with --force", async () => {
    const file = path.join(dir, "clients", "org.yaml");
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, "keep me\n");
    const refused = await cli(["export", "--out", "clients/org.yaml"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/clients\/org\.yaml exists; pass --force to overwrite it/);
    expect(fs.readFileSync(file, "utf8")).toBe("keep me\n");

    const forced = await cli(["export", "--out=clients/org.yaml", "--force"]);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(file, "utf8")).toMatch(/^# org\.yaml — |^# clients\/org\.yaml — /);
  });
});

describe("errors", () => {
  test.each([
    [["export", "--bogus"], /unknown option --bogus/],
    [["export", "--outt", "x"], /unknown option --outt: did you mean "--out"\?/],
    [
      ["export", "--client-secret", "abc"],
      /--client-secret is not accepted: .*shell history.*GENESYSCLOUD_OAUTHCLIENT_SECRET/,
    ],
    [
      ["export", "--access-token=abc"],
      /--access-token is not accepted: .*GENESYSCLOUD_ACCESS_TOKEN/,
    ],
    [["export", "--out"], /--out needs a value/],
    [["export", "--out", "a.yaml", "--stdout"], /--out and --stdout exclude each other/],
    [["export", "--include-self", "--exclude-self"], /contradict each other/],
    [["export", "--force=yes"], /--force takes no value/],
    [["export", "extra"], /unexpected argument "extra"/],
    [[], /missing command/],
    [["exprot"], /unknown command "exprot": did you mean "export"\?/],
  ])("%j is a usage error (exit 2)", async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/Run genesys-oauth --help for usage\./);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test("the compiled bin exits 2 on a bad flag and 0 on --help, which warns about secret flags", async () => {
    const bad = await bin(["export", "--secret", "abc"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toContain("abc");
    const help = await bin(["export", "--help"], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/never accepted as command-line flags/);
    expect(help.stdout).toMatch(
      /Exit codes: 0 exported; 1 settings, API or file error.*; 2 usage error/,
    );
  });

  test("missing credentials: exit 1 with the settings reader's message, nothing written", async () => {
    const run = await cli(["export"], { GENESYSCLOUD_API_URL: emu.apiUrl });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^genesys-oauth export: No Genesys Cloud credentials are configured/,
    );
    expect(run.stderr).toMatch(/GENESYSCLOUD_OAUTHCLIENT_ID/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test("a bad --region or --api-url is reported under the flag's name (exit 1)", async () => {
    const region = await cli(["export", "--region", "mars-1"]);
    expect(region.code).toBe(1);
    expect(region.stderr).toMatch(/--region/);
    const url = await cli(["export", "--api-url", "http://api.example.com"]);
    expect(url.code).toBe(1);
    expect(url.stderr).toMatch(/--api-url/);
  });

  test("wrong credentials: exit 1 with the authentication error, no secret printed", async () => {
    const run = await cli(["export"], {
      ...env,
      GENESYSCLOUD_OAUTHCLIENT_SECRET: "wrong-secret-123",
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^genesys-oauth export: .*(authentication|credentials)/i);
    expect(run.stderr).not.toContain("wrong-secret-123");
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test("an API error (missing permission) exits 1 with the GenesysApiError message", async () => {
    const employee = await emu.admin.seedClient({
      name: "No OAuth permission",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleIds: [emu.roles.find((r) => r.name === "employee")?.id ?? ""],
    });
    try {
      const run = await cli(["export"], {
        ...env,
        GENESYSCLOUD_OAUTHCLIENT_ID: employee.id as string,
        GENESYSCLOUD_OAUTHCLIENT_SECRET: employee.secret,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^genesys-oauth export: GET \/api\/v2\/oauth\/clients failed: 403/,
      );
      expect(run.stderr).not.toContain(employee.secret);
    } finally {
      await emu.admin.deleteClient(employee.id as string);
    }
  });
});
