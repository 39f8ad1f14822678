/**
 * examples/drift-detection: the program under `pulumi.runtime.setMocks` for each stack file, and
 * the nightly GitHub Actions workflow (it parses, runs the drift preview per stack with the
 * credentials from secrets, fails loudly and reports).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { plain } from "../../provider/testing";
import {
  captureExample,
  exampleStack,
  oauthClients,
  readStackFile,
  readWorkflow,
  workflowRunScripts,
  type WorkflowStep,
} from "./helpers";

const EXAMPLE = "drift-detection";
const STACKS = ["dev", "test", "prod"];

describe("examples/drift-detection program", () => {
  test.each([
    ["dev", "us-east-1", "portal.dev.example.com", 7200],
    ["test", "us-west-2", "portal.test.example.com", 3600],
    ["prod", "eu-central-1", "portal.example.com", 1800],
  ])(
    "the %s stack declares the portal and the export for its org",
    async (stack, region, host, lifetime) => {
      const config = readStackFile(EXAMPLE, stack);
      expect(config["genesyscloud:awsRegion"]).toBe(region);
      // Credentials come from the CI environment: a stack file holding them would win over it.
      expect(Object.keys(config).filter((k) => /oauthclient|accessToken/i.test(k))).toEqual([]);

      const clients = oauthClients(
        await captureExample(EXAMPLE, exampleStack(EXAMPLE, stack, config)),
      );
      expect(Object.keys(clients).sort()).toEqual(["agent-portal", "reporting-export"]);
      expect(plain(clients["agent-portal"].inputs)).toMatchObject({
        name: "Agent portal",
        authorizedGrantType: "CODE",
        registeredRedirectUri: [
          `https://${host}/auth/callback`,
          `https://${host}/auth/silent-renew`,
        ],
        accessTokenValiditySeconds: lifetime,
      });
      expect(plain(clients["reporting-export"].inputs)).toMatchObject({
        authorizedGrantType: "CLIENT-CREDENTIALS",
        roleDivisions: [
          { roleId: config["genesys-oauth-drift-detection:exportRoleId"], divisionId: "*" },
        ],
      });
      for (const client of Object.values(clients)) {
        expect(client.additionalSecretOutputs).toContain("clientSecret");
      }
    },
  );
});

describe("examples/drift-detection/.github/workflows/drift.yml", () => {
  const workflow = readWorkflow(EXAMPLE, "drift.yml");
  const job = workflow.jobs.drift;
  const steps = job.steps ?? [];
  const step = (name: string): WorkflowStep => {
    const found = steps.find((s) => s.name === name);
    if (!found) throw new Error(`no step "${name}" in ${JSON.stringify(steps.map((s) => s.name))}`);
    return found;
  };

  test("runs nightly on a schedule and on demand", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    const [schedule] = workflow.on.schedule as { cron: string }[];
    expect(schedule.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(workflow.permissions).toEqual({ contents: "read", issues: "write" });
  });

  test("checks every stack, one job each, without stopping at the first drift", () => {
    expect(job.strategy?.["fail-fast"]).toBe(false);
    const include = job.strategy?.matrix?.include as { stack: string }[];
    expect(include.map((m) => m.stack)).toEqual(STACKS);
  });

  test("passes the Pulumi token and each org's Genesys credentials from secrets", () => {
    expect(job.env).toEqual({
      STACK: "${{ matrix.stack }}",
      PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}",
      GENESYSCLOUD_OAUTHCLIENT_ID:
        "${{ secrets[format('GENESYSCLOUD_OAUTHCLIENT_ID_{0}', matrix.secrets-suffix)] }}",
      GENESYSCLOUD_OAUTHCLIENT_SECRET:
        "${{ secrets[format('GENESYSCLOUD_OAUTHCLIENT_SECRET_{0}', matrix.secrets-suffix)] }}",
    });
  });

  test("installs the program's dependencies and the CLI, then previews with refresh expecting no changes", () => {
    expect(steps.map((s) => s.uses ?? s.name)).toEqual([
      "actions/checkout@v4",
      "actions/setup-node@v4",
      "Install dependencies",
      "pulumi/actions@v6",
      "Preview with refresh",
      "Summary",
      "Open or update the drift issue",
      "Fail unless clean",
    ]);
    expect(step("Install Pulumi").with).toBeUndefined(); // no command: install only
    const preview = step("Preview with refresh").run ?? "";
    expect(preview).toMatch(
      /pulumi preview --stack "\$STACK" --refresh --expect-no-changes --diff/,
    );
    expect(preview).toContain('echo "result=$result" >> "$GITHUB_OUTPUT"');
  });

  test("reports in the step summary, opens an issue on drift and fails unless clean", () => {
    const summary = step("Summary");
    expect(summary.if).toBe("always()");
    expect(summary.run).toContain('>> "$GITHUB_STEP_SUMMARY"');

    const issue = step("Open or update the drift issue");
    expect(issue.if).toBe("steps.preview.outputs.result == 'drift'");
    expect(issue.env?.GH_TOKEN).toBe("${{ github.token }}");
    expect(issue.run).toContain("gh issue create --title");
    expect(issue.run).toContain("gh issue comment");

    const fail = step("Fail unless clean");
    expect(fail.if).toBe("steps.preview.outputs.result != 'clean'");
    expect(fail.run).toMatch(/exit 1\s*$/);
  });

  test("every run script is valid bash and takes values from env, not from ${{ }} expressions", () => {
    for (const { where, script } of workflowRunScripts(workflow)) {
      // Expressions expanded into a script are a shell-injection risk; env vars are not.
      expect({ where, expressions: script.includes("${{") }).toEqual({ where, expressions: false });
      const check = spawnSync("bash", ["-n"], { input: script, encoding: "utf8" });
      expect({ where, status: check.status, stderr: check.stderr }).toEqual({
        where,
        status: 0,
        stderr: "",
      });
    }
  });

  describe("the preview step's verdict", () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "drift-step-"));
    });
    afterEach(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    /** Runs a step's script as GitHub does (bash -eo pipefail) with a stand-in `pulumi`. */
    function runStep(name: string, pulumi: { exitCode: number; output: string }, env = {}) {
      const bin = path.join(dir, "bin");
      fs.mkdirSync(bin, { recursive: true });
      fs.writeFileSync(path.join(dir, "pulumi-output.txt"), pulumi.output);
      fs.writeFileSync(
        path.join(bin, "pulumi"),
        `#!/bin/sh\necho "args: $*"\ncat "${path.join(dir, "pulumi-output.txt")}"\nexit ${pulumi.exitCode}\n`,
        { mode: 0o755 },
      );
      const outputFile = path.join(dir, "github-output");
      const summaryFile = path.join(dir, "step-summary");
      const result = spawnSync(
        "bash",
        ["--noprofile", "--norc", "-eo", "pipefail", "-c", step(name).run ?? ""],
        {
          cwd: dir,
          encoding: "utf8",
          env: {
            PATH: `${bin}:${process.env.PATH ?? ""}`,
            STACK: "prod",
            GITHUB_OUTPUT: outputFile,
            GITHUB_STEP_SUMMARY: summaryFile,
            ...env,
          },
        },
      );
      const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "");
      return {
        status: result.status,
        stdout: result.stdout,
        output: read(outputFile),
        summary: read(summaryFile),
      };
    }

    test.each([
      ["no changes", 0, "Resources:\n    3 unchanged\n", "clean"],
      ["drift, recent CLI (exit code 7)", 7, "~ description\n", "drift"],
      [
        "drift, older CLI (exit code 255 and the message)",
        255,
        "~ description\nerror: no changes were expected but changes were proposed\n",
        "drift",
      ],
      ["any other failure", 255, "error: failed to load language plugin nodejs\n", "error"],
    ])("%s: exit code %i gives result=%s", (_case, exitCode, output, verdict) => {
      const run = runStep("Preview with refresh", { exitCode, output });
      expect(run.status).toBe(0); // the verdict, not this step, fails the job
      expect(run.output).toBe(`result=${verdict}\n`);
      expect(run.stdout).toContain(
        "args: preview --stack prod --refresh --expect-no-changes --diff",
      );
      expect(fs.readFileSync(path.join(dir, "preview.txt"), "utf8")).toContain(output.trim());
    });

    test("the summary quotes the preview and says what to do", () => {
      fs.writeFileSync(
        path.join(dir, "preview.txt"),
        '~ description: "Edited" => "Agent portal"\n',
      );
      const drift = runStep("Summary", { exitCode: 0, output: "" }, { RESULT: "drift" });
      expect(drift.status).toBe(0);
      expect(drift.summary).toContain("**Drift in `prod`**");
      expect(drift.summary).toContain("`pulumi up` on the stack puts the declared values back");
      expect(drift.summary).toContain('~ description: "Edited" => "Agent portal"');
      const clean = runStep("Summary", { exitCode: 0, output: "" }, { RESULT: "clean" });
      expect(clean.summary).toContain("No drift in `prod`");
    });
  });
});
