import { diffClient } from "../../../provider/oauthClient/diff";
import { outputsFromLive } from "../../../provider/oauthClient/mapping";
import { CC, HOME, ROLE_A, ROLE_B, ROLE_C, SALES, checked, liveOf, outputsOf } from "./fixtures";

const NOW = new Date("2026-09-01T00:00:00.000Z");
const at = { now: NOW };
const NO_CHANGE = { changes: false, changedKeys: [], apiUpdate: false, rotate: false };

describe("diffClient: roles declared with the deprecated roleIds", () => {
  const idsOnly = checked({
    name: "legacy",
    authorizedGrantType: "CLIENT-CREDENTIALS",
    roleIds: [ROLE_A, ROLE_B],
  });

  it("reports no change for an unchanged client", () => {
    expect(diffClient(outputsOf(idsOnly), idsOnly, at)).toEqual(NO_CHANGE);
  });

  it("reports a role removed in the admin UI", () => {
    const refreshed = outputsFromLive(
      outputsOf(idsOnly),
      liveOf(idsOnly, { roleDivisions: [{ roleId: ROLE_A, divisionId: HOME }], roleIds: [ROLE_A] }),
    );
    expect(diffClient(refreshed, idsOnly, at)).toMatchObject({
      changedKeys: ["roleIds"],
      apiUpdate: true,
    });
  });

  it("merges roleIds with roleDivisions the way the API does", () => {
    const both = checked({
      name: "mixed",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleIds: [ROLE_A, ROLE_C],
      roleDivisions: [{ roleId: ROLE_A, divisionId: SALES }],
    });
    expect(diffClient(outputsOf(both), both, at)).toEqual(NO_CHANGE);
    const fewer = checked({
      name: "mixed",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleIds: [ROLE_A],
      roleDivisions: [{ roleId: ROLE_A, divisionId: SALES }],
    });
    // Only the ids changed: roleDivisions still grants exactly what it granted.
    expect(diffClient(outputsOf(both), fewer, at)).toMatchObject({
      changedKeys: ["roleIds"],
      apiUpdate: true,
    });
  });
});

describe("diffClient in the refresh display (olds = refreshed outputs, news = old inputs)", () => {
  const inputs = checked({
    ...CC,
    secretRotationTrigger: "v1",
    deletionGuard: { unusedForDays: 7 },
  });
  const state = outputsOf(inputs);

  it("shows nothing for an unchanged client", () => {
    expect(diffClient(outputsFromLive(state, liveOf(inputs)), inputs, at)).toEqual(NO_CHANGE);
  });

  it.each([
    ["name", { name: "renamed in UI" }, ["name"]],
    ["description", { description: "edited" }, ["description"]],
    ["token validity", { accessTokenValiditySeconds: 7200 }, ["accessTokenValiditySeconds"]],
    ["state", { state: "inactive" }, ["state"]],
    ["roles", { roleDivisions: [{ roleId: ROLE_A, divisionId: HOME }] }, ["roleDivisions"]],
    [
      "redirect URIs",
      { registeredRedirectUri: ["https://evil.example.com/"] },
      ["registeredRedirectUri"],
    ],
  ])("shows drift in %s as that field alone", (_, patch, keys) => {
    const refreshed = outputsFromLive(state, liveOf(inputs, patch));
    expect(diffClient(refreshed, inputs, at)).toEqual({
      changes: true,
      changedKeys: keys,
      apiUpdate: true,
      rotate: false,
    });
  });
});
