/**
 * The report generator: what `docs/reliability.md` says for given figures (a pure rendering; the
 * real figures come from the other files of this suite).
 */
import { renderReport } from "./report";
import type { ScenarioRecord } from "./support/figures";

function record(patch: Partial<ScenarioRecord>): ScenarioRecord {
  return {
    id: "x",
    section: "Rate limits",
    title: "A title",
    file: "tests/reliability/x.test.ts",
    savedAt: "2026-01-01T00:00:00.000Z",
    durationMs: 1500,
    machine: { node: "v20.0.0", cpus: 2 },
    tests: [{ name: "works", passed: true }],
    figures: [],
    tables: [],
    notes: [],
    ...patch,
  };
}

describe("the reliability report", () => {
  it("renders every section, each record's figures, tables and notes, and what is not covered", () => {
    const text = renderReport([
      record({
        figures: [
          ["duplicates", 0],
          ["longest wait", "3000 (Retry-After 3 s)"],
        ],
        tables: [{ title: "Phases", columns: ["phase", "a|b"], rows: [["create", 1]] }],
        notes: ["A note."],
      }),
    ]);
    for (const heading of [
      "## Rate limits",
      "## Transient faults",
      "## Ambiguous writes",
      "## Partial failures",
      "## Out-of-band changes",
      "## Bad input",
      "## Fuzzing",
      "## Secrets",
      "## Resource hygiene",
      "## Time compression",
      "## Not covered, and why",
    ]) {
      expect(text).toContain(`\n${heading}\n`);
    }
    expect(text).toContain("| duplicates | 0 |");
    expect(text).toContain("| longest wait | 3000 (Retry-After 3 s) |");
    expect(text).toContain("| phase | a\\|b |");
    expect(text).toContain("- A note.");
    expect(text).toContain("1/1 tests passed in 1.5 s");
    expect(text).toContain("_No figures recorded in this run._");
  });

  it("says which tests failed, and sums the must-be-zero figures in the summary", () => {
    const text = renderReport([
      record({
        tests: [
          { name: "works", passed: true },
          { name: "breaks", passed: false },
        ],
        figures: [
          ["duplicates", 1],
          ["orphans", 2],
          ["orphans after destroy", 3],
        ],
      }),
    ]);
    expect(text).toContain("**Failed or unfinished:** breaks.");
    expect(text).toContain("| Rate limits: A title | 1/2 | 1.5 s | 1 | 5 | – | – | – |");
  });
});
