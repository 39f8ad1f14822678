/**
 * GitOps promotion: one program, one stack per Genesys Cloud org. Every stack declares the same
 * clients; what differs between orgs (region, credentials, role ids, host names, token lifetimes,
 * rotation policy, protection) is stack config in `Pulumi.<stack>.yaml`, so promoting a change is
 * deploying the same commit to the next stack. CI: .github/workflows/oauth-clients.yml.
 *
 * Stack config (namespace `genesys-oauth-gitops-promotion`):
 * - `portalHost` (required): the host name the agent portal runs on in this environment.
 * - `crmSyncRoleId` (required): the role of the CRM sync in this org (role ids differ per org).
 * - `portalTokenLifetimeSeconds`, `crmSyncTokenLifetimeSeconds` (optional, default 3600).
 * - `secretMaxAgeDays` (optional): rotate the CRM sync's secret when it is this old.
 * - `protect` (optional, default false): protect the clients from deletion by a deployment, and
 *   refuse to delete the CRM sync while it is in use.
 */
import * as pulumi from "@pulumi/pulumi";
import { OAuthClient } from "pulumi-genesyscloud-oauth";

const config = new pulumi.Config();
const portalHost = config.require("portalHost");
const protect = config.getBoolean("protect") ?? false;

const crmSync = new OAuthClient(
  "crm-sync",
  {
    name: "CRM sync",
    description: "Synchronizes contacts and interactions with the CRM.",
    authorizedGrantType: "CLIENT-CREDENTIALS",
    roleDivisions: [{ roleId: config.require("crmSyncRoleId") }],
    accessTokenValiditySeconds: config.getNumber("crmSyncTokenLifetimeSeconds") ?? 3600,
    rotateAfterDays: config.getNumber("secretMaxAgeDays"),
    deletionGuard: protect ? { unusedForDays: 30 } : undefined,
  },
  { protect },
);

const portal = new OAuthClient(
  "agent-portal",
  {
    name: "Agent portal",
    description: `Agent portal sign-in (${portalHost}).`,
    authorizedGrantType: "CODE",
    registeredRedirectUri: [
      `https://${portalHost}/oauth/callback`,
      `https://${portalHost}/oauth/silent-refresh`,
    ],
    scope: ["user-basic-info", "users:readonly", "conversations", "presence"],
    accessTokenValiditySeconds: config.getNumber("portalTokenLifetimeSeconds") ?? 3600,
  },
  { protect },
);

// Which org this stack deployed to, for the CI logs and `pulumi stack output`.
export const region = new pulumi.Config("genesyscloud").get("awsRegion") ?? "us-east-1";
export const clientIds = { crmSync: crmSync.clientId, agentPortal: portal.clientId };
export const clientSecrets = pulumi.secret({
  crmSync: crmSync.clientSecret,
  agentPortal: portal.clientSecret,
});
