/**
 * Drift detection: the OAuth clients of one org, as the source of truth that a nightly CI job
 * (.github/workflows/drift.yml) compares with the org using `pulumi preview --refresh
 * --expect-no-changes`. Any edit made outside Pulumi (in the Genesys Cloud admin UI, with the API)
 * shows up there as a planned update, and the job fails; `pulumi up` puts the declared values back.
 *
 * Stack config (namespace `genesys-oauth-drift-detection`), one stack per org:
 * - `portalHost` (required): host name of the agent portal, e.g. `portal.example.com`.
 * - `exportRoleId` (required): the role of the reporting export (role ids differ per org).
 * - `portalTokenLifetimeSeconds` (optional, default 3600).
 * The connection (`genesyscloud:awsRegion` in the stack file, credentials from the environment in
 * CI) is described in README.md.
 */
import * as pulumi from "@pulumi/pulumi";
import { OAuthClient } from "pulumi-genesyscloud-oauth";

const config = new pulumi.Config();
const portalHost = config.require("portalHost");

const portal = new OAuthClient("agent-portal", {
  name: "Agent portal",
  description: "Agent portal sign-in. Managed by Pulumi: edits in the admin UI are reverted.",
  authorizedGrantType: "CODE",
  registeredRedirectUri: [
    `https://${portalHost}/auth/callback`,
    `https://${portalHost}/auth/silent-renew`,
  ],
  scope: ["user-basic-info", "conversations", "presence", "routing:readonly"],
  accessTokenValiditySeconds: config.getNumber("portalTokenLifetimeSeconds") ?? 3600,
});

const reportingExport = new OAuthClient("reporting-export", {
  name: "Reporting export",
  description: "Nightly export to the data warehouse. Managed by Pulumi.",
  authorizedGrantType: "CLIENT-CREDENTIALS",
  roleDivisions: [{ roleId: config.require("exportRoleId"), divisionId: "*" }],
  accessTokenValiditySeconds: 1800,
});

export const portalClientId = portal.clientId;
export const exportClientId = reportingExport.clientId;
export const exportClientSecret = pulumi.secret(reportingExport.clientSecret);
