/**
 * Provider upgrades. The state of every OAuth client stores the serialized provider (`__provider`),
 * and Read and Delete run that copy. This package stores a thin stub there that loads the
 * installed package, so state written by an older release is refreshed, updated and deleted by
 * the installed one, and an upgrade alone changes nothing in the org.
 *
 * The "older release" is simulated honestly at the level the engine sees: its state carries a
 * stub text of its own (different code, same contract: `require("pulumi-genesyscloud-oauth/host")
 * .createOAuthClientProvider()`), `providerVersion: "0.0.9"`, and lacks an output field this
 * release adds (`homeDivisionId`).
 */
import type { OAuthClientArgs } from "../../provider";
import { EMULATOR_ROLE_IDS } from "../../provider/emulator";
import type { PropertyMap } from "../../provider/testing";
import {
  calls,
  clientsProgram,
  idOf,
  ops,
  outputsOf,
  resourceOf,
  withHarness,
  stepOf,
  writes,
  type Harness,
} from "./harness";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the installed version
const VERSION = (require("../../package.json") as { version: string }).version;
const CLIENTS = "/api/v2/oauth/clients";
const OLD_VERSION = "0.0.9";
/** Printed by the old stub when the host loads it, to prove which code Read and Delete ran. */
const OLD_STUB_MARK = "[stub 0.0.9] loading pulumi-genesyscloud-oauth/host";
/** The serialized provider an older release wrote into the state. */
const OLD_STUB = `"use strict";
var __provider = {
  load: function () {
    if (!this.impl) {
      console.log(${JSON.stringify(OLD_STUB_MARK)});
      this.impl = require("pulumi-genesyscloud-oauth/host").createOAuthClientProvider();
    }
    return this.impl;
  },
  configure: function (req) { return this.load().configure(req); },
  check: function (olds, news) { return this.load().check(olds, news); },
  diff: function (id, olds, news) { return this.load().diff(id, olds, news); },
  create: function (inputs) { return this.load().create(inputs); },
  read: function (id, props) { return this.load().read(id, props); },
  update: function (id, olds, news) { return this.load().update(id, olds, news); },
  delete: function (id, props) { return this.load().delete(id, props); },
};
exports.handler = function () { return __provider; };
`;

const worker: OAuthClientArgs = {
  authorizedGrantType: "CLIENT-CREDENTIALS",
  description: "nightly sync",
  roleDivisions: [{ roleId: EMULATOR_ROLE_IDS.developer }],
  secretRotationTrigger: "1",
};
const portal: OAuthClientArgs = {
  authorizedGrantType: "CODE",
  scope: ["users:readonly"],
  registeredRedirectUri: ["https://portal.example.com/cb"],
};

describe("OAuthClient provider upgrades", () => {
  let h: Harness;
  withHarness({}, (started) => (h = started));

  /** Rewrites the state as the older release would have left it. */
  function downgradeState(): void {
    h.engine.setState(
      h.engine.state.map((res) => {
        const { homeDivisionId: _home, ...outputs } = res.outputs;
        const older: PropertyMap = {
          ...outputs,
          providerVersion: OLD_VERSION,
          __provider: OLD_STUB,
        };
        return { ...res, inputs: { ...res.inputs, __provider: OLD_STUB }, outputs: older };
      }),
    );
  }

  it("serializes the same small stub for every program, with no secret or credential in it", async () => {
    const first = await h.capture(clientsProgram({ worker, portal }));
    const second = await h.capture(clientsProgram({ other: { ...worker, description: "x" } }));
    const texts = [...first.registrations, ...second.registrations].map((r) => r.providerText);
    expect(new Set(texts).size).toBe(1);
    const text = texts[0] ?? "";
    expect(text).toContain('require("pulumi-genesyscloud-oauth/host")');
    expect(Buffer.byteLength(text)).toBeLessThan(2560);
    expect(first.registrations[0].secretInputs).toEqual([]);
    for (const credential of [h.emulator.clientId, h.emulator.clientSecret, h.emulator.apiUrl]) {
      expect(text).not.toContain(credential);
    }
    expect(text).not.toMatch(/genesyscloud:|oauthclient(Id|Secret)|accessToken|GENESYSCLOUD_/);
  });

  it("refreshes, updates and deletes clients written by an older release, sending no write for unchanged ones", async () => {
    expect((await h.up({ worker, portal })).errors).toEqual([]);
    downgradeState();
    await h.clearLog();

    // An upgrade alone is no change: the version is not compared, nor the provider text.
    const preview = await h.preview({ worker, portal });
    expect(ops(preview)).toEqual([
      ["portal", "same", []],
      ["worker", "same", []],
    ]);
    const same = await h.up({ worker, portal });
    expect(same.steps.map((s) => s.op)).toEqual(["same", "same"]);
    expect(await h.requests()).toEqual([]);

    // Refresh runs the code in the state (the old stub), which loads the installed package.
    const refresh = await h.engine.refresh();
    expect(refresh.errors).toEqual([]);
    expect(ops(refresh)).toEqual([
      ["portal", "refresh-same", []],
      ["worker", "refresh-same", []],
    ]);
    expect(refresh.diagnostics.map((l) => l.text)).toContain(OLD_STUB_MARK);
    expect(writes(await h.apiRequests())).toEqual([]);
    await h.clearLog();
    const afterRefresh = await h.up({ worker, portal });
    expect(afterRefresh.steps.map((s) => s.op)).toEqual(["same", "same"]);
    expect(await h.requests()).toEqual([]);

    // A real change is one PUT, and the new release's outputs and stub reach the state.
    const id = idOf(h.engine, "worker");
    const update = await h.up({ worker: { ...worker, description: "hourly sync" }, portal });
    expect(update.errors).toEqual([]);
    expect([stepOf(update, "worker").op, stepOf(update, "portal").op]).toEqual(["update", "same"]);
    expect(writes(await h.apiRequests())).toEqual([`PUT ${CLIENTS}/${id}`]);
    const outs = outputsOf(h.engine, "worker");
    expect(outs.providerVersion).toBe(VERSION);
    expect(outs.homeDivisionId).toBe(h.emulator.homeDivisionId);
    expect(outs.__provider).not.toBe(OLD_STUB);
    expect(resourceOf(h.engine, "portal").outputs.__provider).toBe(OLD_STUB);

    // `portal` still carries the old stub: its delete runs it, with the installed package.
    const portalId = idOf(h.engine, "portal");
    await h.clearLog();
    const destroy = await h.destroy();
    expect(destroy.errors).toEqual([]);
    expect(destroy.diagnostics.map((l) => l.text).join("\n")).not.toMatch(/error/i);
    const served = calls(await h.apiRequests());
    for (const client of [id, portalId]) {
      expect(served).toEqual(
        expect.arrayContaining([
          `PUT ${CLIENTS}/${client}`,
          `DELETE ${CLIENTS}/${client}`,
          `GET ${CLIENTS}/${client}`,
        ]),
      );
    }
    expect(h.engine.state).toEqual([]);
    expect((await h.emulator.admin.clients()).map((c) => c.id)).toEqual([h.emulator.clientId]);
  });
});
