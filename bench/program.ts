/**
 * The benchmark's Pulumi program: a fleet of client-credentials OAuth clients, in three versions
 * (as created; one field edited; the rotation trigger changed), captured through the real SDK.
 */
import type { CaptureResult, StackSettings } from "../provider/testing";
import type { PackageUnderTest } from "./pkg";

/** What changes between versions of the program. */
export interface FleetVersion {
  /** The `description` of every client. */
  description: string;
  /** The `secretRotationTrigger` of every client. */
  rotationTrigger: string;
}

/** The fleet as first deployed. */
export const FLEET_V1: FleetVersion = { description: "benchmark fleet", rotationTrigger: "r1" };
/** One API field changed on every client: one PUT each. */
export const FLEET_V2: FleetVersion = { ...FLEET_V1, description: "benchmark fleet (edited)" };
/** Only the rotation trigger changed: one POST …/secret each, no PUT. */
export const FLEET_V3: FleetVersion = { ...FLEET_V2, rotationTrigger: "r2" };

/** The resource name (and client name) of fleet member `i`. */
export function memberName(prefix: string, i: number): string {
  return `${prefix}-${String(i).padStart(4, "0")}`;
}

/**
 * The program: `clients` OAuth clients, each granted a role without a division (so creating them
 * needs the org's home division: one lookup per host process).
 */
export function fleetProgram(
  pkg: PackageUnderTest,
  clients: number,
  version: FleetVersion,
  prefix = "bench",
): () => Record<string, never> {
  const roleId = pkg.emulator.EMULATOR_ROLE_IDS.developer;
  return () => {
    for (let i = 0; i < clients; i++) {
      new pkg.OAuthClient(memberName(prefix, i), {
        description: version.description,
        authorizedGrantType: "CLIENT-CREDENTIALS",
        roleDivisions: [{ roleId }],
        secretRotationTrigger: version.rotationTrigger,
      });
    }
    return {};
  };
}

/** The captured programs the phases deploy. */
export interface FleetCaptures {
  /** Version 1 as `pulumi preview` runs it (also the no-change preview). */
  preview: CaptureResult;
  /** Version 1 as `pulumi up` runs it. */
  create: CaptureResult;
  /** Version 2 (one field changed). */
  update: CaptureResult;
  /** Version 3 (rotation trigger changed). */
  rotate: CaptureResult;
}

/** Captures the three versions of a fleet of `clients` for `stack`. */
export async function captureFleet(
  pkg: PackageUnderTest,
  stack: StackSettings,
  clients: number,
  prefix = "bench",
): Promise<FleetCaptures> {
  const capture = (version: FleetVersion, preview: boolean) =>
    pkg.testing.captureProgram(fleetProgram(pkg, clients, version, prefix), { stack, preview });
  return {
    preview: await capture(FLEET_V1, true),
    create: await capture(FLEET_V1, false),
    update: await capture(FLEET_V2, false),
    rotate: await capture(FLEET_V3, false),
  };
}
