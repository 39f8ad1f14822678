/**
 * Seeded OAuth authorizations: third-party clients a resource owner (a user of the emulated org)
 * authorized, was asked to authorize, or revoked. The client descriptions are localized.
 */
import type { OAuthAuthorization } from "../api/models";
import { EMULATOR_ROLE_IDS } from "./catalog";
import type { EmulatorLanguage } from "./scopes";

/** The resource owner of the seeded authorizations. */
export const EMULATOR_RESOURCE_OWNER = {
  id: "a3c5e7f9-1b2d-4e6f-8a0b-c2d4e6f8a1b3",
  name: "Ada Lovelace",
  selfUri: "/api/v2/users/a3c5e7f9-1b2d-4e6f-8a0b-c2d4e6f8a1b3",
};

interface SeedAuthorization {
  clientId: string;
  name: string;
  descriptions: Record<EmulatorLanguage, string>;
  grant: string;
  redirect: string;
  scope: string[];
  roles: string[];
  state: "Authorized" | "Requested" | "Revoked";
  pending: boolean;
  created: string;
  modified: string;
}

const SEED: readonly SeedAuthorization[] = [
  {
    clientId: "b1d3f5a7-9c2e-4f80-a1b3-c5d7e9f1a2b4",
    name: "Acme CRM Connector",
    descriptions: {
      "en-us": "Synchronizes contacts and call history with Acme CRM.",
      "de-de": "Synchronisiert Kontakte und Anrufverlauf mit Acme CRM.",
      "fr-fr": "Synchronise les contacts et l'historique des appels avec Acme CRM.",
    },
    grant: "CODE",
    redirect: "https://crm.acme.example/genesys/callback",
    scope: ["users:readonly", "conversations"],
    roles: [EMULATOR_ROLE_IDS.employee],
    state: "Authorized",
    pending: false,
    created: "2024-03-04T09:15:00.000Z",
    modified: "2024-03-04T09:16:30.000Z",
  },
  {
    clientId: "c2e4a6b8-0d1f-4a91-b2c4-d6e8f0a2b3c5",
    name: "Wallboard Pro",
    descriptions: {
      "en-us": "Shows queue statistics on office wallboards.",
      "de-de": "Zeigt Warteschlangenstatistiken auf Wandanzeigen im Büro an.",
      "fr-fr": "Affiche les statistiques des files d'attente sur les écrans muraux.",
    },
    grant: "CODE",
    redirect: "https://wallboard.example/auth",
    scope: ["analytics:readonly", "routing:readonly"],
    roles: [EMULATOR_ROLE_IDS.supervisor],
    state: "Requested",
    pending: true,
    created: "2025-01-20T14:02:00.000Z",
    modified: "2025-01-20T14:02:00.000Z",
  },
  {
    clientId: "d3f5b7c9-1e2a-4b02-83d5-e7f9a1b3c4d6",
    name: "Legacy Softphone",
    descriptions: {
      "en-us": "Browser softphone (retired).",
      "de-de": "Browser-Softphone (außer Betrieb).",
      "fr-fr": "Softphone navigateur (retiré).",
    },
    grant: "TOKEN",
    redirect: "https://softphone.example/",
    scope: ["conversations", "presence"],
    roles: [],
    state: "Revoked",
    pending: false,
    created: "2022-06-11T08:00:00.000Z",
    modified: "2023-02-01T17:45:00.000Z",
  },
];

/** The seeded authorizations in a language. */
export function authorizations(language: EmulatorLanguage): OAuthAuthorization[] {
  return SEED.map((a) => ({
    client: {
      id: a.clientId,
      name: a.name,
      description: a.descriptions[language],
      authorizedGrantType: a.grant,
      registeredRedirectUri: [a.redirect],
      scope: [...a.scope],
      state: "active",
      dateCreated: a.created,
      dateModified: a.created,
      selfUri: `/api/v2/oauth/clients/${a.clientId}`,
    },
    scope: [...a.scope],
    roles: [...a.roles],
    resourceOwner: { ...EMULATOR_RESOURCE_OWNER },
    dateCreated: a.created,
    dateModified: a.modified,
    createdBy: { ...EMULATOR_RESOURCE_OWNER },
    modifiedBy: { ...EMULATOR_RESOURCE_OWNER },
    pending: a.pending,
    state: a.state,
    selfUri: `/api/v2/oauth/authorizations/${a.clientId}`,
  }));
}

/** The client ids of the seeded authorizations. */
export const EMULATOR_AUTHORIZATION_CLIENT_IDS: readonly string[] = SEED.map((a) => a.clientId);
