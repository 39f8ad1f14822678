/**
 * The by-name rules as pure functions of a listing: exact or case-insensitive match, deleted
 * clients ignored, candidates oldest first, similar names closest first and unrelated ones left
 * out, and secrets stripped.
 */
import type { OAuthClient } from "../../provider/api";
import {
  OAuthClientMatchError,
  matchClientByName,
  similarClients,
  withoutSecret,
} from "../../provider/functions";

const client = (id: string, name: string, extra: Partial<OAuthClient> = {}): OAuthClient => ({
  id,
  name,
  authorizedGrantType: "CLIENT-CREDENTIALS",
  state: "active",
  ...extra,
});

const LISTING: OAuthClient[] = [
  client("1", "ci-robot", { dateCreated: "2025-01-01T00:00:00Z" }),
  client("2", "ci-robot", { state: "deleted" }),
  client("3", "Billing", { dateCreated: "2024-01-01T00:00:00Z" }),
  client("4", "billing", { dateCreated: "2023-01-01T00:00:00Z", state: "inactive" }),
  client("5", "CI Robot 2"),
  client("6", "reporting"),
];

describe("matchClientByName", () => {
  const found: [string, boolean, string][] = [
    ["ci-robot", false, "1"],
    ["CI-ROBOT", true, "1"],
    ["Billing", false, "3"],
    ["billing", false, "4"],
    ["reporting", true, "6"],
  ];
  it.each(found)("finds %j (ignoreCase %s) → id %s", (name, ignoreCase, id) => {
    expect(matchClientByName(LISTING, name, ignoreCase).id).toBe(id);
  });

  it("is ambiguous ignoring case, listing the candidates oldest first", () => {
    let err: unknown;
    try {
      matchClientByName(LISTING, "BILLING", true);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OAuthClientMatchError);
    expect((err as OAuthClientMatchError).candidates).toEqual([
      { id: "4", name: "billing", state: "inactive", dateCreated: "2023-01-01T00:00:00Z" },
      { id: "3", name: "Billing", state: "active", dateCreated: "2024-01-01T00:00:00Z" },
    ]);
  });

  it("ignores deleted clients entirely: a name only a deleted client has is not found", () => {
    const onlyDeleted = [client("9", "gone", { state: "deleted" })];
    expect(() => matchClientByName(onlyDeleted, "gone")).toThrow(/no OAuth client is named "gone"/);
  });
});

describe("similarClients", () => {
  it("lists names equal after folding, containing each other or a few edits apart, closest first", () => {
    expect(similarClients(LISTING, "ci_robot").map((c) => c.id)).toEqual(["1", "2", "5"]);
    expect(similarClients(LISTING, "biling").map((c) => c.id)).toEqual(["4", "3"]);
    expect(similarClients(LISTING, "xyz")).toEqual([]);
  });

  it("lists at most the limit", () => {
    const many = Array.from({ length: 10 }, (_, i) => client(String(i), `app-${i}`));
    expect(similarClients(many, "app")).toHaveLength(5);
  });
});

describe("withoutSecret", () => {
  it("returns a copy without the secret and leaves the input alone", () => {
    const c = client("1", "a", { secret: "s3cr3t" });
    expect(withoutSecret(c)).toEqual(client("1", "a"));
    expect(c.secret).toBe("s3cr3t");
  });
});
