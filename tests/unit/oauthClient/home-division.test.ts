/**
 * When the provider needs the org's home division: roles declared without a division, and the
 * deprecated `roleIds` (granted in the home division). Without it, a client declaring `roleIds`
 * next to `roleDivisions` showed a change on every `pulumi up`.
 */
import { diffClient } from "../../../provider/oauthClient/diff";
import { needsHomeDivision } from "../../../provider/oauthClient/operations";
import { toOutputs } from "../../../provider/oauthClient/mapping";
import { HOME, ROLE_A, ROLE_B, SALES, checked, liveOf } from "./fixtures";

const NOW = { now: new Date("2026-06-01T00:00:00Z") };

describe("needsHomeDivision", () => {
  const cc = (patch: Record<string, unknown>) =>
    checked({ name: "sync", authorizedGrantType: "CLIENT-CREDENTIALS", ...patch });

  it.each([
    ["a role without a division", { roleDivisions: [{ roleId: ROLE_A }] }, true],
    ["roleIds alone", { roleIds: [ROLE_A] }, true],
    [
      "roleIds next to roles with divisions",
      { roleDivisions: [{ roleId: ROLE_A, divisionId: SALES }], roleIds: [ROLE_B] },
      true,
    ],
    ["only roles with divisions", { roleDivisions: [{ roleId: ROLE_A, divisionId: "*" }] }, false],
  ])("is %s → %s for a client-credentials client", (_what, patch, expected) => {
    expect(needsHomeDivision(cc(patch))).toBe(expected);
  });

  it("is false for grants without roles", () => {
    expect(
      needsHomeDivision(checked({ name: "web", authorizedGrantType: "CODE", scope: ["users"] })),
    ).toBe(false);
  });

  it("gives roleIds next to roleDivisions a stable diff once the home division is recorded", () => {
    const inputs = cc({
      roleDivisions: [{ roleId: ROLE_A, divisionId: SALES }],
      roleIds: [ROLE_B],
    });
    const home = needsHomeDivision(inputs) ? HOME : undefined;
    const outputs = toOutputs(inputs, liveOf(inputs), {
      homeDivisionId: home,
      providerVersion: "1.0.0",
    });
    expect(diffClient(outputs, inputs, NOW).changes).toBe(false);
  });
});
