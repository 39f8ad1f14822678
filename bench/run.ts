/**
 * `npm run bench`: runs the benchmark, prints the tables and writes the same figures as JSON.
 * See bench/README.md for what is measured and the targets.
 */
import * as fs from "fs";
import * as path from "path";
import { runBenchmark } from "./benchmark";
import { BenchUsageError, parseOptions, USAGE } from "./options";
import { findRepositoryRoot } from "./pkg";
import { formatReport } from "./report";
import type { BenchResult } from "./types";

/**
 * Runs the benchmark for `argv` (the arguments after the script), writes the JSON file and returns
 * the result; `print` receives the progress and the report.
 */
export async function main(
  argv: readonly string[],
  print: (line: string) => void = (line) => console.log(line),
): Promise<BenchResult | undefined> {
  if (argv.includes("--help") || argv.includes("-h")) {
    print(USAGE);
    return undefined;
  }
  const options = parseOptions(argv, findRepositoryRoot());
  const result = await runBenchmark(options, print);
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
  print("");
  print(formatReport(result));
  print(`\nResults written to ${options.out}`);
  return result;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (result) => {
      // Time targets depend on the machine and its load: they are reported, not enforced.
      process.exitCode = result && result.targets.some((t) => !t.met && !t.timing) ? 1 : 0;
    },
    (err: unknown) => {
      if (err instanceof BenchUsageError) {
        console.error(`${err.message}\n\n${USAGE}`);
        process.exitCode = 2;
      } else {
        console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
        process.exitCode = 1;
      }
    },
  );
}
