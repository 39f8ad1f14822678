/**
 * Quickstart: one Genesys Cloud OAuth client of each main grant type.
 *
 * - `automation`: a CLIENT-CREDENTIALS client for a back-end job. It acts with the roles it is
 *   granted, so it gets roles (in divisions) instead of scopes.
 * - `web-app`: an authorization-code (CODE) client for a server-side web app whose users sign in
 *   with their Genesys Cloud account. It acts as the signed-in user, limited to its scopes.
 * - `wallboard`: an implicit-grant (TOKEN) client for a single-page app that holds the token in
 *   the browser and therefore has no use for a secret.
 *
 * Stack config (namespace `genesys-oauth-quickstart`):
 * - `automationRoleId` (required): a role of your org for the automation client. Role ids differ
 *   in every org; find them in Admin > Roles / Permissions or `GET /api/v2/authorization/roles`.
 * - `reportingRoleId` (optional): a second role, granted in every division.
 * - `appUrl` (optional): where the web app and the wallboard are served.
 * The connection to Genesys Cloud comes from the `genesyscloud:*` settings; see README.md.
 */
import * as pulumi from "@pulumi/pulumi";
import { OAuthClient, type RoleDivisionArgs } from "pulumi-genesyscloud-oauth";

const config = new pulumi.Config();
const automationRoleId = config.require("automationRoleId");
const reportingRoleId = config.get("reportingRoleId");
// A trailing slash would turn every redirect URI below into `…//oauth/callback`.
const appUrl = (config.get("appUrl") ?? "https://app.example.com").replace(/\/+$/, "");

const roleDivisions: RoleDivisionArgs[] = [
  // No divisionId: the role applies in the org's home division.
  { roleId: automationRoleId },
];
if (reportingRoleId) {
  // "*": the role applies in every division, including divisions created later.
  roleDivisions.push({ roleId: reportingRoleId, divisionId: "*" });
}

const automation = new OAuthClient("automation", {
  name: "Quickstart automation",
  description: "Back-end job that calls the Platform API on its own behalf.",
  authorizedGrantType: "CLIENT-CREDENTIALS",
  // Machine tokens are cheap to renew; keep them short-lived.
  accessTokenValiditySeconds: 3600,
  roleDivisions,
});

const webApp = new OAuthClient("web-app", {
  name: "Quickstart web app",
  description: "Server-side web app; users sign in with their Genesys Cloud account.",
  authorizedGrantType: "CODE",
  registeredRedirectUri: [`${appUrl}/oauth/callback`],
  scope: ["user-basic-info", "users:readonly", "conversations:readonly"],
  accessTokenValiditySeconds: 43200,
});

const wallboard = new OAuthClient("wallboard", {
  name: "Quickstart wallboard",
  description: "Single-page queue wallboard running in the browser.",
  authorizedGrantType: "TOKEN",
  registeredRedirectUri: [`${appUrl}/wallboard/`],
  scope: ["analytics:readonly", "routing:readonly"],
  accessTokenValiditySeconds: 28800,
});

// Client ids are not secret: apps send them in plain sight.
export const automationClientId = automation.clientId;
export const webAppClientId = webApp.clientId;
export const wallboardClientId = wallboard.clientId;

// The engine already stores clientSecret encrypted; wrapping the exports says so in the program too,
// so `pulumi stack output` shows [secret] unless asked for `--show-secrets`.
export const automationClientSecret = pulumi.secret(automation.clientSecret);
export const webAppClientSecret = pulumi.secret(webApp.clientSecret);
