/**
 * The emulated organization's fixed catalog: roles (with the permissions that gate the OAuth
 * API), divisions and the organization id. Ids are fixed so examples, the demo and tests can
 * reference them; scopes live in `scopes.ts`, authorizations in `authorizations.ts`.
 */

/** A seeded role. */
export interface EmulatorRole {
  /** Fixed role id (UUID). */
  readonly id: string;
  /** Role name as shown in the admin UI. */
  readonly name: string;
  /** Permissions `domain:entity:action`; `*` matches any segment. */
  readonly permissions: readonly string[];
}

/** A seeded division. */
export interface EmulatorDivision {
  /** Fixed division id (UUID). */
  readonly id: string;
  /** Division name. */
  readonly name: string;
  /** True for the organization's home division. */
  readonly homeDivision: boolean;
}

/** The emulated organization's id (reported in usage rows grouped by `OrganizationId`). */
export const EMULATOR_ORGANIZATION_ID = "6f0c4e42-7a1d-4c1b-9a53-2b3c0e9d8a10";

/** Fixed ids of the seeded roles, by a short key. */
export const EMULATOR_ROLE_IDS = {
  masterAdmin: "2f0d4b6e-9c1a-4e37-8b52-1a6c3d9e7f01",
  admin: "5a7e2c94-3b1f-4d68-9e0a-7c4b2d1f8e02",
  employee: "9c3b7e15-6d2a-4f81-a4c9-3e5d1b7a2c03",
  developer: "1e8d5a3c-7f2b-4a96-b1d4-6c9e3a5f7b04",
  telephonyAdmin: "7b4f1d86-2e9c-4b53-8f7a-5d2c6e1a9d05",
  supervisor: "3d6a9f27-8c4e-4e15-9b2d-1f7a4c8e6a06",
} as const;

/** Fixed ids of the seeded divisions, by a short key. */
export const EMULATOR_DIVISION_IDS = {
  home: "0c9e2a7d-4b6f-4a31-9d85-e7f1c3b5a901",
  sales: "8e1b5d3f-6a2c-4f97-b4e0-2d9c7a1e5b02",
  support: "4a7c9e1b-3d5f-4b82-a6c1-9e3f5b7d1c03",
} as const;

/** The seeded roles. `Master Admin` holds every permission, `employee` none of the OAuth ones. */
export const EMULATOR_ROLES: readonly EmulatorRole[] = [
  { id: EMULATOR_ROLE_IDS.masterAdmin, name: "Master Admin", permissions: ["*:*:*"] },
  {
    id: EMULATOR_ROLE_IDS.admin,
    name: "admin",
    permissions: ["oauth:*:*", "authorization:*:*", "usage:*:*", "directory:*:*", "routing:*:*"],
  },
  {
    id: EMULATOR_ROLE_IDS.employee,
    name: "employee",
    permissions: ["directory:user:view", "routing:queue:view", "analytics:conversationDetail:view"],
  },
  {
    id: EMULATOR_ROLE_IDS.developer,
    name: "Developer",
    permissions: [
      "oauth:client:view",
      "oauth:client:add",
      "oauth:client:edit",
      "oauth:client:delete",
      "oauth:client:authorize",
      "usage:client:view",
      "integrations:integration:view",
    ],
  },
  {
    id: EMULATOR_ROLE_IDS.telephonyAdmin,
    name: "Telephony Admin",
    permissions: ["telephony:*:*", "routing:queue:view"],
  },
  {
    id: EMULATOR_ROLE_IDS.supervisor,
    name: "Supervisor",
    permissions: ["analytics:*:view", "routing:queue:view", "usage:client:view"],
  },
];

/** The seeded divisions: `Home` (the home division) and two others. */
export const EMULATOR_DIVISIONS: readonly EmulatorDivision[] = [
  { id: EMULATOR_DIVISION_IDS.home, name: "Home", homeDivision: true },
  { id: EMULATOR_DIVISION_IDS.sales, name: "Sales", homeDivision: false },
  { id: EMULATOR_DIVISION_IDS.support, name: "Support", homeDivision: false },
];

/** `divisionId` meaning every division. */
export const ALL_DIVISIONS = "*";

/** Looks up a seeded role. */
export function findRole(id: string): EmulatorRole | undefined {
  return EMULATOR_ROLES.find((r) => r.id === id);
}

/** Looks up a seeded division (`*` is not a division; see {@link ALL_DIVISIONS}). */
export function findDivision(id: string): EmulatorDivision | undefined {
  return EMULATOR_DIVISIONS.find((d) => d.id === id);
}

/** True when `granted` (which may contain `*` segments) covers `wanted`. */
export function permissionCovers(granted: string, wanted: string): boolean {
  const g = granted.split(":");
  const w = wanted.split(":");
  return g.length === w.length && g.every((seg, i) => seg === "*" || seg === w[i]);
}

/** True when any of the roles grants the permission. */
export function rolesGrant(roleIds: Iterable<string>, permission: string): boolean {
  for (const id of roleIds) {
    const role = findRole(id);
    if (role?.permissions.some((p) => permissionCovers(p, permission))) return true;
  }
  return false;
}
