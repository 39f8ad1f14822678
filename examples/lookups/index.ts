/**
 * Lookups: reading the org through the OAuth API while declaring clients.
 * - `getOauthScopes` checks the scope names a client asks for before anything is declared, and
 *   `getOauthScopesOutput` picks scope names from the org's catalog for another client;
 * - `getOauthClientOutput({ name })` finds an existing client by its name, and
 *   `getOauthClientUsageSummaryOutput` reports its API usage, before retiring it;
 * - `getOauthAuthorizations` lists the third-party apps users authorized.
 *
 * Stack config (namespace `genesys-oauth-lookups`):
 * - `dashboardScopes` (optional): the scopes of the dashboard client, a JSON list.
 * - `dashboardHost` (optional): where the dashboard runs.
 * - `legacyClientName` (optional): the name of an existing client to report on.
 * - `usageDays` (optional, default 30): how many days of usage to report.
 *
 * The program is an async function (Pulumi awaits it and exports what it returns) so that the
 * scope check can finish before the first client is declared.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  OAuthClient,
  getOauthAuthorizations,
  getOauthClientOutput,
  getOauthClientUsageSummaryOutput,
  getOauthScopes,
  getOauthScopesOutput,
} from "pulumi-genesyscloud-oauth";

export = async () => {
  const config = new pulumi.Config();

  // Scope names, checked against the org's catalog: a typo stops the run here, before anything is
  // created, with the list of the org's scopes, instead of failing the create with a 400.
  const dashboardScopes = config.getObject<string[]>("dashboardScopes") ?? [
    "analytics:readonly",
    "routing:readonly",
    "users:readonly",
  ];
  const { ids: orgScopes } = await getOauthScopes();
  const unknown = dashboardScopes.filter((scope) => !orgScopes.includes(scope));
  if (unknown.length > 0) {
    throw new pulumi.RunError(
      `dashboardScopes: ${unknown.map((s) => JSON.stringify(s)).join(", ")} ` +
        `${unknown.length === 1 ? "is not a scope" : "are not scopes"} of this org. ` +
        `Its scopes: ${orgScopes.join(", ")}.`,
    );
  }
  const dashboard = new OAuthClient("dashboard", {
    name: "Operations dashboard",
    authorizedGrantType: "CODE",
    registeredRedirectUri: [
      `https://${config.get("dashboardHost") ?? "dashboard.example.com"}/oauth/callback`,
    ],
    scope: dashboardScopes,
  });

  // Scope names picked from the catalog: every read-only scope the org offers, for an auditing
  // tool that must see everything and change nothing. The list follows the catalog as it grows.
  const readOnlyScopes = getOauthScopesOutput().apply(({ ids }) =>
    ids.filter((id) => id.endsWith(":readonly")).sort(),
  );
  const auditor = new OAuthClient("auditor", {
    name: "Audit viewer",
    description: "Read-only access for the auditors' reporting tool.",
    authorizedGrantType: "CODE",
    registeredRedirectUri: ["https://audit.example.com/oauth/callback"],
    scope: readOnlyScopes,
  });

  // Third-party apps that users of the org authorized (or were asked to authorize).
  const { authorizations } = await getOauthAuthorizations();
  const appsIn = (state: string): string[] =>
    authorizations
      .filter((a) => a.state === state)
      .map((a) => a.client?.name ?? a.client?.id ?? "(unnamed)");

  const outputs: Record<string, unknown> = {
    dashboardClientId: dashboard.clientId,
    auditorClientId: auditor.clientId,
    auditorScopes: readOnlyScopes,
    authorizedApps: appsIn("Authorized"),
    pendingAuthorizations: appsIn("Requested"),
  };

  // An existing client, found by name, and its API usage: is it safe to retire?
  const legacyClientName = config.get("legacyClientName");
  if (legacyClientName) {
    const usageDays = config.getNumber("usageDays") ?? 30;
    const legacy = getOauthClientOutput({ name: legacyClientName });
    const usage = getOauthClientUsageSummaryOutput({
      clientId: legacy.apply((client) => client.id ?? ""),
      days: usageDays,
    });
    outputs.legacyClient = legacy.apply((client) => ({
      id: client.id,
      state: client.state,
      authorizedGrantType: client.authorizedGrantType,
      dateCreated: client.dateCreated,
    }));
    outputs.legacyClientRequests = usage.totalRequests;
    outputs.legacyClientUnused = usage.totalRequests.apply((requests) => requests === 0);
  }
  return outputs;
};
