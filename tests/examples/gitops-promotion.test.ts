/**
 * examples/gitops-promotion: the one program under `pulumi.runtime.setMocks` with each stack file
 * (same clients, each org's values), and the promotion workflow (previews on pull requests, dev on
 * merge, test then prod on a tag, behind GitHub Environments).
 */
import { isSecret, plain } from "../../provider/testing";
import {
  captureExample,
  exampleStack,
  oauthClients,
  readStackFile,
  readWorkflow,
  workflowRunScripts,
  type WorkflowJob,
} from "./helpers";

const EXAMPLE = "gitops-promotion";

describe("examples/gitops-promotion program", () => {
  test.each([
    ["dev", "us-east-1", "portal.dev.example.com", 43200, 7200, 365, false],
    ["test", "us-west-2", "portal.test.example.com", 28800, 3600, 180, false],
    ["prod", "eu-central-1", "portal.example.com", 3600, 1800, 90, true],
  ])(
    "the %s stack (%s) declares the same clients with its own values",
    async (stack, region, host, portalLifetime, crmLifetime, maxAge, protect) => {
      const config = readStackFile(EXAMPLE, stack);
      expect(config["genesyscloud:awsRegion"]).toBe(region);
      expect(config["genesyscloud:oauthclientSecret"]).toEqual({ secret: expect.any(String) });

      const capture = await captureExample(EXAMPLE, exampleStack(EXAMPLE, stack, config));
      const clients = oauthClients(capture);
      expect(Object.keys(clients).sort()).toEqual(["agent-portal", "crm-sync"]);
      expect(plain(clients["crm-sync"].inputs)).toMatchObject({
        name: "CRM sync",
        authorizedGrantType: "CLIENT-CREDENTIALS",
        roleDivisions: [{ roleId: config["genesys-oauth-gitops-promotion:crmSyncRoleId"] }],
        accessTokenValiditySeconds: crmLifetime,
        rotateAfterDays: maxAge,
      });
      expect(plain(clients["agent-portal"].inputs)).toMatchObject({
        name: "Agent portal",
        authorizedGrantType: "CODE",
        registeredRedirectUri: [
          `https://${host}/oauth/callback`,
          `https://${host}/oauth/silent-refresh`,
        ],
        accessTokenValiditySeconds: portalLifetime,
      });
      // Only protected stacks guard against deleting a client still in use.
      expect(clients["crm-sync"].inputs.deletionGuard).toEqual(
        protect ? { unusedForDays: 30 } : undefined,
      );
      for (const client of Object.values(clients)) {
        expect(client.protect).toBe(protect);
        expect(client.additionalSecretOutputs).toContain("clientSecret");
      }

      const outputs = capture.stackOutputs;
      expect(outputs.region).toBe(region);
      expect(outputs.clientIds).toEqual({ crmSync: "crm-sync-id", agentPortal: "agent-portal-id" });
      expect(isSecret(outputs.clientSecrets)).toBe(true);
    },
  );

  test("the stacks differ only in their stack files: same keys in each", () => {
    const keys = (stack: string) => Object.keys(readStackFile(EXAMPLE, stack)).sort();
    expect(keys("test")).toEqual(keys("dev"));
    expect(keys("prod")).toEqual(keys("dev"));
  });
});

describe("examples/gitops-promotion/.github/workflows/oauth-clients.yml", () => {
  const workflow = readWorkflow(EXAMPLE, "oauth-clients.yml");
  const pulumiStep = (job: WorkflowJob) => {
    const step = (job.steps ?? []).find((s) => s.uses?.startsWith("pulumi/actions@"));
    if (!step) throw new Error("no pulumi/actions step");
    return step;
  };
  const installs = (job: WorkflowJob) => (job.steps ?? []).map((s) => s.uses ?? s.run).slice(0, 3);

  test("runs on pull requests, pushes to main and version tags", () => {
    expect(workflow.on).toEqual({
      pull_request: { branches: ["main"] },
      push: { branches: ["main"], tags: ["v*"] },
    });
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(Object.keys(workflow.jobs)).toEqual([
      "preview",
      "deploy-dev",
      "deploy-test",
      "deploy-prod",
    ]);
  });

  test("a pull request previews every stack and comments the result on the PR", () => {
    const job = workflow.jobs.preview;
    expect(job.if).toBe("github.event_name == 'pull_request'");
    expect(job.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(job.strategy).toEqual({
      "fail-fast": false,
      matrix: { stack: ["dev", "test", "prod"] },
    });
    expect(installs(job)).toEqual(["actions/checkout@v4", "actions/setup-node@v4", "npm ci"]);
    const step = pulumiStep(job);
    expect(step.with).toMatchObject({
      command: "preview",
      "stack-name": "${{ matrix.stack }}",
      "comment-on-pr": true,
      "github-token": "${{ secrets.GITHUB_TOKEN }}",
    });
    expect(step.env).toEqual({ PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}" });
  });

  test.each([
    [
      "deploy-dev",
      "dev",
      "github.event_name == 'push' && github.ref == 'refs/heads/main'",
      undefined,
    ],
    [
      "deploy-test",
      "test",
      "github.event_name == 'push' && startsWith(github.ref, 'refs/tags/v')",
      undefined,
    ],
    ["deploy-prod", "prod", undefined, "deploy-test"],
  ])("%s runs pulumi up on %s in its own environment", (name, stack, condition, needs) => {
    const job = workflow.jobs[name];
    expect(job.if).toBe(condition);
    expect(job.needs).toBe(needs);
    // The environment is where required reviewers hold a deployment until approved.
    expect(job.environment).toBe(stack);
    expect(job.concurrency).toEqual({
      group: `oauth-clients-${stack}`,
      "cancel-in-progress": false,
    });
    expect(installs(job)).toEqual(["actions/checkout@v4", "actions/setup-node@v4", "npm ci"]);
    const step = pulumiStep(job);
    expect(step.with).toMatchObject({ command: "up", "stack-name": stack });
    expect(step.env).toEqual({ PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}" });
  });

  test("its run scripts use no ${{ }} expressions", () => {
    for (const { where, script } of workflowRunScripts(workflow)) {
      expect({ where, expressions: script.includes("${{") }).toEqual({ where, expressions: false });
    }
  });
});
