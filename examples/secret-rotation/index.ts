/**
 * Secret rotation: a CLIENT-CREDENTIALS client whose secret is regenerated
 * - on demand, when the `rotation` config value changes (a date, a change ticket, …);
 * - on a schedule, once the secret is `maxSecretAgeDays` old (checked at every preview and up);
 * and handed to its consumers as a Pulumi secret stack output, which other stacks read with a
 * `StackReference` (see consumer/).
 *
 * Stack config (namespace `genesys-oauth-secret-rotation`):
 * - `integrationRoleId` (required): the role the integration acts with (role ids differ per org).
 * - `rotation` (optional): any string; changing it rotates the secret on the next `pulumi up`.
 * - `maxSecretAgeDays` (optional, default 90): scheduled rotation period.
 * - `deletionGuardDays` (optional, default 30): refuse to delete the client while it made API
 *   requests in this many days; `0` turns the guard off (to retire the client on purpose).
 */
import * as pulumi from "@pulumi/pulumi";
import { OAuthClient } from "pulumi-genesyscloud-oauth";

const config = new pulumi.Config();
const guardDays = config.getNumber("deletionGuardDays") ?? 30;

const integration = new OAuthClient("crm-integration", {
  name: "CRM integration",
  description: "Syncs contacts with the CRM. Secret rotated on demand and at least every quarter.",
  authorizedGrantType: "CLIENT-CREDENTIALS",
  roleDivisions: [{ roleId: config.require("integrationRoleId") }],
  secretRotationTrigger: config.get("rotation"),
  rotateAfterDays: config.getNumber("maxSecretAgeDays") ?? 90,
  // The safety net: a `pulumi destroy`, or deleting this block of code, must not cut off a CRM
  // sync that is still running. The provider checks the client's API usage before deleting it.
  deletionGuard: guardDays > 0 ? { unusedForDays: guardDays } : undefined,
});

export const clientId = integration.clientId;

// Consumers read these two with `StackReference.requireOutput`; the secret stays encrypted there.
export const clientSecret = pulumi.secret(integration.clientSecret);

// When the current secret was issued. Not secret, so deploy logs and dashboards can show which
// secret a consumer holds, and a consumer stack sees that it must redeploy.
export const secretIssuedAt = pulumi
  .all([integration.secretRotatedAt, integration.dateCreated])
  .apply(([rotatedAt, createdAt]) => rotatedAt ?? createdAt ?? "unknown");
