/**
 * The provider's footprint besides API calls: the size of the serialized `__provider` every
 * OAuthClient carries in the state, and how long a host takes from launch to its first answers.
 */
import type { CaptureResult, StackSettings } from "../provider/testing";
import { hostNodePid, peakRssBytes } from "./hosts";
import type { PackageUnderTest } from "./pkg";
import { fleetProgram, FLEET_V1 } from "./program";
import type { Spread } from "./types";

/** Min, median and max of `samples` (all 0 without samples). */
export function spread(samples: readonly number[]): Spread {
  if (samples.length === 0) return { min: 0, median: 0, max: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1] };
}

/** One OAuthClient captured from the compiled package, for the footprint measurements. */
export function captureOne(pkg: PackageUnderTest, stack: StackSettings): Promise<CaptureResult> {
  return pkg.testing.captureProgram(fleetProgram(pkg, 1, FLEET_V1, "footprint"), { stack });
}

/**
 * Bytes of the `__provider` text of one OAuthClient, captured with the SDK's own serializer from
 * the compiled package (never from instrumented sources: coverage counters would be captured too).
 */
export function providerBytes(capture: CaptureResult): number {
  const text = capture.registrations[0]?.providerText;
  if (text === undefined) throw new Error("the capture has no __provider text");
  return Buffer.byteLength(text, "utf8");
}

/** One cold start: launch → port, → GetPluginInfo, → Configure + first Check answered (ms). */
export interface ColdStart {
  /** Launch → port printed. */
  portMs: number;
  /** Launch → GetPluginInfo answered. */
  pluginInfoMs: number;
  /** Launch → Configure and the first Check answered (the Check loads the package). */
  firstCheckMs: number;
  /** Peak RSS of the host's node process once GetPluginInfo was answered (the bare host), bytes. */
  baselineRssBytes: number | null;
  /** Peak RSS once the first Check was answered (the package loaded), bytes. */
  firstCheckRssBytes: number | null;
}

/**
 * Launches `samples` hosts one after the other and times each one's first answers, the first
 * Check being the one of `capture`'s resource.
 */
export async function coldStarts(
  pkg: PackageUnderTest,
  stack: StackSettings,
  capture: CaptureResult,
  launcher: "wrapper" | "node",
  samples: number,
): Promise<ColdStart[]> {
  const reg = capture.registrations[0];
  const results: ColdStart[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    const host = await pkg.testing.launchHost({ projectDir: pkg.root, stack, launcher });
    const portMs = performance.now() - t0;
    const client = new pkg.testing.ProviderClient(host.address, { projectDir: pkg.root });
    try {
      await client.getPluginInfo();
      const pluginInfoMs = performance.now() - t0;
      const pid = await hostNodePid(host);
      const baselineRssBytes = peakRssBytes(pid);
      await client.configureStack(stack);
      const checked = await client.check(reg.urn, {}, pkg.testing.plain(reg.inputs));
      const firstCheckMs = performance.now() - t0;
      if (checked.failures.length > 0) {
        throw new Error(`the cold-start Check failed: ${JSON.stringify(checked.failures)}`);
      }
      results.push({
        portMs,
        pluginInfoMs,
        firstCheckMs,
        baselineRssBytes,
        firstCheckRssBytes: peakRssBytes(pid),
      });
    } finally {
      client.close();
      await host.close();
    }
  }
  return results;
}
