import { diffClient, rotationStatus } from "../../../provider/oauthClient/diff";
import type { OAuthClientOutputs } from "../../../provider/oauthClient/types";
import { CC, CLIENT_ID, CREATED, U, checked, outputsOf } from "./fixtures";

const NOW = new Date("2026-09-01T00:00:00.000Z");
const DAY = 86_400_000;
const at = { now: NOW };
const ccOutputs = outputsOf(checked(CC));
const NO_CHANGE = { changes: false, changedKeys: [], apiUpdate: false, rotate: false };

describe("diffClient: secret rotation", () => {
  const withTrigger = (trigger?: string): OAuthClientOutputs =>
    outputsOf(checked({ ...CC, secretRotationTrigger: trigger }));

  it.each([
    ["set for the first time", undefined, "v1"],
    ["changed", "v1", "v2"],
  ])("rotates, without a PUT, when the trigger is %s", (_, before, after) => {
    expect(
      diffClient(withTrigger(before), checked({ ...CC, secretRotationTrigger: after }), at),
    ).toEqual({
      changes: true,
      changedKeys: ["secretRotationTrigger"],
      apiUpdate: false,
      rotate: true,
      rotationReason: "secretRotationTrigger changed",
    });
  });

  it("rotates and PUTs when the trigger changes along with a field", () => {
    const result = diffClient(
      withTrigger("v1"),
      checked({ ...CC, name: "renamed", secretRotationTrigger: "v2" }),
      at,
    );
    expect(result).toMatchObject({
      changedKeys: ["name", "secretRotationTrigger"],
      apiUpdate: true,
      rotate: true,
    });
  });

  it.each([
    ["removed", undefined],
    ["emptied", ""],
  ])("only updates the outputs when the trigger is %s", (_, after) => {
    expect(
      diffClient(withTrigger("v1"), checked({ ...CC, secretRotationTrigger: after }), at),
    ).toEqual({
      changes: true,
      changedKeys: ["secretRotationTrigger"],
      apiUpdate: false,
      rotate: false,
    });
  });

  it("does not rotate when the trigger is unchanged", () => {
    expect(
      diffClient(withTrigger("v1"), checked({ ...CC, secretRotationTrigger: "v1" }), at),
    ).toEqual(NO_CHANGE);
  });

  const scheduled = (days: number, extra: Record<string, unknown> = {}): OAuthClientOutputs => ({
    ...outputsOf(checked({ ...CC, rotateAfterDays: days })),
    ...extra,
  });
  const news = (days: number, trigger?: string) =>
    checked({ ...CC, rotateAfterDays: days, secretRotationTrigger: trigger });

  it("rotates when exactly N days have passed since the last rotation", () => {
    const olds = scheduled(90, {
      secretRotatedAt: new Date(NOW.getTime() - 90 * DAY).toISOString(),
    });
    expect(diffClient(olds, news(90), at)).toEqual({
      changes: true,
      changedKeys: [],
      apiUpdate: false,
      rotate: true,
      rotationReason: "last rotated 2026-06-03, every 90 days",
    });
  });

  it("does not rotate one millisecond before N days have passed", () => {
    const olds = scheduled(90, {
      secretRotatedAt: new Date(NOW.getTime() - 90 * DAY + 1).toISOString(),
    });
    expect(diffClient(olds, news(90), at)).toEqual(NO_CHANGE);
  });

  it("counts from the creation date for a never-rotated client", () => {
    expect(ccOutputs.dateCreated).toBe(CREATED);
    expect(diffClient(scheduled(30), news(30), at)).toMatchObject({
      rotate: true,
      rotationReason: "created 2026-05-03, never rotated, every 30 days",
    });
    expect(diffClient(scheduled(365), news(365), at)).toEqual(NO_CHANGE);
  });

  it("prefers the last rotation over the creation date", () => {
    const olds = scheduled(30, { secretRotatedAt: "2026-08-20T00:00:00.000Z" });
    expect(diffClient(olds, news(30), at)).toEqual(NO_CHANGE);
  });

  it("rotates once when the trigger changes and a rotation is due", () => {
    const olds = scheduled(30, { secretRotationTrigger: "v1" });
    const result = diffClient(olds, news(30, "v2"), at);
    expect(result).toMatchObject({
      rotate: true,
      changedKeys: ["secretRotationTrigger"],
      apiUpdate: false,
    });
    expect(result.rotationReason).toBe(
      "secretRotationTrigger changed; created 2026-05-03, never rotated, every 30 days",
    );
  });

  it("uses the new period when rotateAfterDays shrinks", () => {
    expect(diffClient(scheduled(365), news(30), at)).toMatchObject({
      changedKeys: ["rotateAfterDays"],
      rotate: true,
    });
  });

  it("can leave a due scheduled rotation out (refresh display)", () => {
    expect(diffClient(scheduled(30), news(30), { now: NOW, scheduledRotation: false })).toEqual(
      NO_CHANGE,
    );
  });

  it("does not rotate for an unknown trigger: the value is decided at apply time", () => {
    expect(
      diffClient(withTrigger("v1"), { ...checked(CC), secretRotationTrigger: U }, at),
    ).toMatchObject({ changes: true, rotate: false });
  });
});

describe("rotationStatus", () => {
  it.each([
    [
      { secretRotatedAt: "2026-08-01T12:00:00Z" },
      90,
      false,
      /due on 2026-10-30: last rotated 2026-08-01, every 90 days/,
    ],
    [
      { dateCreated: "2026-01-01T00:00:00Z" },
      1,
      true,
      /due: created 2026-01-01, never rotated, every 1 day$/,
    ],
    [{}, 30, false, /unknown: the client has no rotation or creation date/],
    [
      { secretRotatedAt: "garbage", dateCreated: "2026-08-31T00:00:00Z" },
      2,
      false,
      /created 2026-08-31/,
    ],
    [{ dateCreated: CREATED }, 0, false, /not a positive whole number/],
    [null, 30, false, /unknown/],
  ])("decides %j every %d days: due %s", (outputs, days, due, reason) => {
    const status = rotationStatus(outputs, days, NOW);
    expect(status.due).toBe(due);
    expect(status.reason).toMatch(reason);
  });

  it("reports when the age counts from", () => {
    expect(rotationStatus({ secretRotatedAt: "2026-08-01T12:00:00Z" }, 90, NOW).lastRotated).toBe(
      "2026-08-01T12:00:00.000Z",
    );
  });
});

describe("diffClient: adoption", () => {
  const adopted = (adopt?: string) => checked({ ...CC, adoptClientId: adopt });

  it("reports no change when adoptClientId is added and equals the managed client id", () => {
    expect(diffClient(ccOutputs, adopted(CLIENT_ID), at)).toEqual(NO_CHANGE);
    expect(diffClient(ccOutputs, adopted(CLIENT_ID.toUpperCase()), at)).toEqual(NO_CHANGE);
  });

  it("refuses to retarget an adoption to another client", () => {
    const other = "11111111-2222-4333-8444-555555555555";
    const result = diffClient(outputsOf(adopted(CLIENT_ID)), adopted(other), at);
    expect(result.changedKeys).toEqual(["adoptClientId"]);
    expect(result.error).toMatch(
      /can't be retargeted.*remove this resource.*pulumi state delete.*new resource/,
    );
    expect(result.error).toContain(other);
  });

  it("only updates the outputs when adoptClientId is removed", () => {
    expect(diffClient(outputsOf(adopted(CLIENT_ID)), adopted(undefined), at)).toEqual({
      changes: true,
      changedKeys: ["adoptClientId"],
      apiUpdate: false,
      rotate: false,
    });
  });
});
