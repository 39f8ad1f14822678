/**
 * The seeded OAuth scopes with their descriptions in three languages, and the `Accept-Language`
 * negotiation the scope and authorization endpoints share.
 */

/** The languages scope and client descriptions are available in; the first is the default. */
export const EMULATOR_LANGUAGES = ["en-us", "de-de", "fr-fr"] as const;
/** One of {@link EMULATOR_LANGUAGES}. */
export type EmulatorLanguage = (typeof EMULATOR_LANGUAGES)[number];

/** A seeded scope: its id and its description per language. */
export interface EmulatorScope {
  /** The scope id, e.g. `users:readonly`. */
  readonly id: string;
  /** The description in each language. */
  readonly descriptions: Readonly<Record<EmulatorLanguage, string>>;
}

/** [id, English, German, French] for each seeded scope. */
const SCOPE_ROWS: readonly (readonly [string, string, string, string])[] = [
  ["alerting", "Manage alerting", "Benachrichtigungsregeln verwalten", "Gérer les alertes"],
  [
    "alerting:readonly",
    "View alerting",
    "Benachrichtigungsregeln anzeigen",
    "Afficher les alertes",
  ],
  [
    "analytics",
    "View analytics data and manage analytics reporting",
    "Analysedaten anzeigen und Analyseberichte verwalten",
    "Afficher les données analytiques et gérer les rapports",
  ],
  [
    "analytics:readonly",
    "View analytics data",
    "Analysedaten anzeigen",
    "Afficher les données analytiques",
  ],
  [
    "architect",
    "Manage Architect flows and prompts",
    "Architect-Flows und Ansagen verwalten",
    "Gérer les flux et invites Architect",
  ],
  [
    "architect:readonly",
    "View Architect flows and prompts",
    "Architect-Flows und Ansagen anzeigen",
    "Afficher les flux et invites Architect",
  ],
  [
    "authorization",
    "Manage roles, divisions and grants",
    "Rollen, Divisionen und Berechtigungen verwalten",
    "Gérer les rôles, divisions et attributions",
  ],
  [
    "authorization:readonly",
    "View roles, divisions and grants",
    "Rollen, Divisionen und Berechtigungen anzeigen",
    "Afficher les rôles, divisions et attributions",
  ],
  ["conversations", "Manage conversations", "Unterhaltungen verwalten", "Gérer les conversations"],
  [
    "conversations:readonly",
    "View conversations",
    "Unterhaltungen anzeigen",
    "Afficher les conversations",
  ],
  ["groups", "Manage groups", "Gruppen verwalten", "Gérer les groupes"],
  ["groups:readonly", "View groups", "Gruppen anzeigen", "Afficher les groupes"],
  ["integrations", "Manage integrations", "Integrationen verwalten", "Gérer les intégrations"],
  [
    "integrations:readonly",
    "View integrations",
    "Integrationen anzeigen",
    "Afficher les intégrations",
  ],
  [
    "notifications",
    "Subscribe to notification topics",
    "Benachrichtigungsthemen abonnieren",
    "S'abonner aux rubriques de notification",
  ],
  ["oauth", "Manage OAuth clients", "OAuth-Clients verwalten", "Gérer les clients OAuth"],
  ["oauth:readonly", "View OAuth clients", "OAuth-Clients anzeigen", "Afficher les clients OAuth"],
  [
    "organization",
    "Manage organization settings",
    "Organisationseinstellungen verwalten",
    "Gérer les paramètres de l'organisation",
  ],
  [
    "organization:readonly",
    "View organization settings",
    "Organisationseinstellungen anzeigen",
    "Afficher les paramètres de l'organisation",
  ],
  ["presence", "Manage presence", "Anwesenheit verwalten", "Gérer la présence"],
  ["presence:readonly", "View presence", "Anwesenheit anzeigen", "Afficher la présence"],
  [
    "routing",
    "Manage queues, skills and routing",
    "Warteschlangen, Fähigkeiten und Routing verwalten",
    "Gérer les files d'attente, compétences et le routage",
  ],
  [
    "routing:readonly",
    "View queues, skills and routing",
    "Warteschlangen, Fähigkeiten und Routing anzeigen",
    "Afficher les files d'attente, compétences et le routage",
  ],
  ["telephony", "Manage telephony", "Telefonie verwalten", "Gérer la téléphonie"],
  ["telephony:readonly", "View telephony", "Telefonie anzeigen", "Afficher la téléphonie"],
  [
    "usage",
    "Manage API usage queries",
    "API-Nutzungsabfragen verwalten",
    "Gérer les requêtes d'utilisation de l'API",
  ],
  ["usage:readonly", "View API usage", "API-Nutzung anzeigen", "Afficher l'utilisation de l'API"],
  [
    "user-basic-info",
    "View your own basic user information",
    "Eigene grundlegende Benutzerinformationen anzeigen",
    "Afficher vos informations utilisateur de base",
  ],
  ["users", "Manage users", "Benutzer verwalten", "Gérer les utilisateurs"],
  ["users:readonly", "View users", "Benutzer anzeigen", "Afficher les utilisateurs"],
];

/** The seeded scopes, sorted by id. */
export const EMULATOR_SCOPES: readonly EmulatorScope[] = SCOPE_ROWS.map(([id, en, de, fr]) => ({
  id,
  descriptions: { "en-us": en, "de-de": de, "fr-fr": fr },
}));

/** True when a scope id is in the seeded catalog. */
export function isKnownScope(id: string): boolean {
  return EMULATOR_SCOPES.some((s) => s.id === id);
}

/**
 * Picks the best supported language from an `Accept-Language` header (q-values honoured, a
 * primary tag such as `de` or `fr-CA` maps to its seeded variant); `en-us` when nothing matches.
 */
export function negotiateLanguage(header: string | undefined): EmulatorLanguage {
  if (!header) return "en-us";
  const ranges = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.tag && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranges) {
    const exact = EMULATOR_LANGUAGES.find((l) => l === tag);
    if (exact) return exact;
    const primary = tag.split("-")[0];
    const byPrimary = EMULATOR_LANGUAGES.find((l) => l.split("-")[0] === primary);
    if (byPrimary) return byPrimary;
  }
  return "en-us";
}
