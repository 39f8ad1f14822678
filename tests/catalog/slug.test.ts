/** Entry keys derived from display names, as the export names its entries. */
import { CATALOG_KEY_PATTERN, slugify, uniqueKeys } from "../../provider/catalog";

describe("slugify", () => {
  test.each([
    ["CI bot", "ci-bot"],
    ["Web Portal (prod)", "web-portal-prod"],
    ["  Café — Crème  ", "cafe-creme"],
    ["SAML2-BEARER / SSO", "saml2-bearer-sso"],
    ["2024", "client-2024"],
    ["日本語", ""],
    ["x".repeat(100), "x".repeat(60)],
  ])("%j → %j", (name, key) => {
    expect(slugify(name)).toBe(key);
    if (key !== "") expect(key).toMatch(CATALOG_KEY_PATTERN);
  });
});

describe("uniqueKeys", () => {
  test("numbers repeats in list order, avoiding keys other names already produce", () => {
    expect(uniqueKeys(["Portal", "portal", "Portal 2", "PORTAL", "日本語", "中文"])).toEqual([
      "portal",
      "portal-3",
      "portal-2",
      "portal-4",
      "client",
      "client-2",
    ]);
  });
});
