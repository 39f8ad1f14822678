/**
 * An emulated org with a variety of OAuth clients for the export tests: created through the API
 * where the API can create them, seeded through the admin API where only Genesys support or time
 * could (disabled, being deleted, fields the provider cannot declare).
 */
import { OAuthApi } from "../../provider/api";
import type { OAuthClient } from "../../provider/api/models";
import type { RunningEmulator } from "../../provider/emulator";
import { emulatorSettings } from "../support/emulator-api";

/** The clients of the org by role in the tests. */
export interface SeededOrg {
  /** Clients the export must write, by display name. */
  exported: Record<string, OAuthClient>;
  /** Clients the export must skip, by the reason code it gives. */
  skipped: Record<"disabled" | "deleted" | "unmanageable", OAuthClient>;
  /** Every secret handed out while seeding (none may appear in any output). */
  secrets: string[];
}

function roleId(emu: RunningEmulator, name: string): string {
  const role = emu.roles.find((r) => r.name === name);
  if (!role) throw new Error(`the emulator has no role ${name}`);
  return role.id;
}

function divisionId(emu: RunningEmulator, name: string): string {
  const division = emu.divisions.find((d) => d.name === name);
  if (!division) throw new Error(`the emulator has no division ${name}`);
  return division.id;
}

/** Creates the org's clients. */
export async function seedOrg(emu: RunningEmulator): Promise<SeededOrg> {
  const api = new OAuthApi(emulatorSettings(emu));
  const secrets: string[] = [];
  const post = async (body: Parameters<OAuthApi["postOauthClients"]>[0]): Promise<OAuthClient> => {
    const created = await api.postOauthClients(body);
    if (created.secret) secrets.push(created.secret);
    return created;
  };
  try {
    const ci = await post({
      name: "CI bot",
      description: "Deploys config; costs ${budget} per run",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      accessTokenValiditySeconds: 3600,
      roleDivisions: [
        { roleId: roleId(emu, "Developer"), divisionId: divisionId(emu, "Sales") },
        { roleId: roleId(emu, "Developer"), divisionId: divisionId(emu, "Support") },
        { roleId: roleId(emu, "Telephony Admin"), divisionId: "*" },
        { roleId: roleId(emu, "Supervisor"), divisionId: divisionId(emu, "Home") },
      ],
    });
    const portal = await post({
      name: "Customer Portal",
      authorizedGrantType: "CODE",
      scope: ["users:readonly", "user-basic-info", "users:readonly"],
      registeredRedirectUri: ["https://portal.example.com/cb", "https://portal.example.com/alt"],
    });
    const implicit = await post({
      name: "Wallboard (implicit)",
      authorizedGrantType: "TOKEN",
      scope: ["analytics:readonly"],
      registeredRedirectUri: ["https://wallboard.example.com/cb"],
      accessTokenValiditySeconds: 600,
    });
    const saml = await post({
      name: "Agent SSO",
      authorizedGrantType: "SAML2-BEARER",
      scope: ["users:readonly", "presence"],
    });
    const password = await post({
      name: "Kiosk",
      authorizedGrantType: "PASSWORD",
      scope: ["conversations"],
    });
    const retiredBody = {
      name: "customer portal",
      description: "old portal, kept inactive",
      authorizedGrantType: "CODE",
      scope: ["users:readonly"],
    };
    const retired = await post(retiredBody);
    const inactive = await api.putOauthClient(retired.id as string, {
      ...retiredBody,
      state: "inactive",
    });
    const disabled = await emu.admin.seedClient({
      name: "Vendor integration",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleIds: [roleId(emu, "employee")],
      state: "disabled",
    });
    const deleted = await emu.admin.seedClient({
      name: "Old import job",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleIds: [roleId(emu, "employee")],
      state: "deleted",
      dateToDelete: "2030-01-01T00:00:00.000Z",
    });
    const unmanageable = await emu.admin.seedClient({
      name: "Odd one",
      authorizedGrantType: "CODE",
      scope: [],
    });
    secrets.push(disabled.secret, deleted.secret, unmanageable.secret);
    return {
      exported: {
        "CI bot": ci,
        "Customer Portal": portal,
        "Wallboard (implicit)": implicit,
        "Agent SSO": saml,
        Kiosk: password,
        "customer portal": inactive,
      },
      skipped: { disabled, deleted, unmanageable },
      secrets,
    };
  } finally {
    api.connection.close();
  }
}
