/** Renders an operation result the way the Pulumi CLI prints it, never showing secret values. */
import type { OperationResult, StepOp, StepResult } from "./types";
import { secretStrings } from "./values";

/** Options of `formatSteps`. */
export interface FormatOptions {
  /** More plaintext values to mask as `[secret]` (e.g. the stack's secret config values). */
  mask?: readonly string[];
  /** Include the host's diagnostics lines (default true). */
  diagnostics?: boolean;
  /** List unchanged resources too (`--show-sames`; default false, as the CLI). */
  showSames?: boolean;
}

const SYMBOL: Record<StepOp, string> = {
  create: "+",
  update: "~",
  same: " ",
  delete: "-",
  read: ">",
  replace: "+-",
  import: "=",
  "read-discard": "<-",
  "refresh-update": "~",
  "refresh-delete": "-",
  "refresh-same": " ",
};

// [plan (preview), status (done), status when the step failed]
const PLAN: Record<StepOp, [string, string, string]> = {
  create: ["create", "created", "creating failed"],
  update: ["update", "updated", "updating failed"],
  same: ["", "", "updating failed"],
  delete: ["delete", "deleted", "deleting failed"],
  read: ["read", "read", "reading failed"],
  replace: ["replace", "replaced", "replacing failed"],
  import: ["import", "imported", "importing failed"],
  "read-discard": ["discard", "discarded", "discarding failed"],
  "refresh-update": ["refresh", "refreshed", "refreshing failed"],
  "refresh-delete": ["delete", "deleted", "refreshing failed"],
  "refresh-same": ["", "", "refreshing failed"],
};

const SUMMARY: [StepOp[], string, string][] = [
  [["create"], "+ {n} to create", "+ {n} created"],
  [["update", "refresh-update"], "~ {n} to update", "~ {n} updated"],
  [["delete", "refresh-delete", "read-discard"], "- {n} to delete", "- {n} deleted"],
  [["replace"], "+-{n} to replace", "+-{n} replaced"],
  [["read"], "> {n} to read", "> {n} read"],
  [["import"], "= {n} to import", "= {n} imported"],
  [["same", "refresh-same"], "{n} unchanged", "{n} unchanged"],
];

const HEADER: Record<OperationResult["operation"], [string, string]> = {
  preview: ["Previewing update", "Previewing update"],
  up: ["Updating", "Previewing update"],
  refresh: ["Refreshing", "Previewing refresh"],
  destroy: ["Destroying", "Previewing destroy"],
  get: ["Reading", "Reading"],
};

function statusOf(step: StepResult, preview: boolean): string {
  const [plan, done, failure] = PLAN[step.op];
  if (step.error !== undefined) {
    return `**${failure}**`;
  }
  const status = preview ? plan : done;
  return step.diffKeys.length > 0 && status
    ? `${status}     [diff: ${step.diffKeys.map((k) => `~${k}`).join(" ")}]`
    : status;
}

function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - text.length));
}

/** Replaces every known secret value in `text` by `[secret]`, longest first. */
function maskText(text: string, secrets: readonly string[]): string {
  return [...new Set(secrets)]
    .sort((a, b) => b.length - a.length)
    .reduce((out, value) => out.split(value).join("[secret]"), text);
}

/**
 * Formats the steps, errors, diagnostics and the summary like the CLI (`+ create`,
 * `~ update [diff: ~description]`, `- delete`, `Resources: + 1 to create`). Values of secret
 * outputs found in the result, and `options.mask`, are replaced by `[secret]` anywhere they occur.
 */
export function formatSteps(result: OperationResult, options: FormatOptions = {}): string {
  const preview = result.preview || result.operation === "preview";
  const lines: string[] = [`${HEADER[result.operation][result.preview ? 1 : 0]}:`, ""];
  const typeWidth = Math.max(4, ...result.steps.map((s) => s.type.length)) + 3;
  const nameWidth = Math.max(4, ...result.steps.map((s) => s.name.length)) + 3;
  lines.push(
    `     ${pad("Type", typeWidth)}${pad("Name", nameWidth)}${preview ? "Plan" : "Status"}`,
  );
  const shown = result.steps.filter(
    (st) =>
      options.showSames || st.error !== undefined || (st.op !== "same" && st.op !== "refresh-same"),
  );
  for (const step of shown) {
    const symbol = step.error !== undefined ? "**" : SYMBOL[step.op];
    lines.push(
      ` ${pad(symbol, 4)}${pad(step.type, typeWidth)}${pad(step.name, nameWidth)}${statusOf(step, preview)}`.trimEnd(),
    );
  }
  const failedSteps = result.steps.filter((s) => s.error !== undefined);
  const diagnostics = (options.diagnostics ?? true) ? result.diagnostics : [];
  if (failedSteps.length > 0 || diagnostics.length > 0) {
    lines.push("", "Diagnostics:");
    for (const step of failedSteps) {
      lines.push(`  ${step.type} (${step.name}):`, `    error: ${step.error}`);
      step.initErrors?.forEach((reason) => lines.push(`    * ${reason}`));
    }
    if (diagnostics.length > 0) {
      lines.push("  pulumi-nodejs (dynamic provider host):");
      diagnostics.forEach((line) => lines.push(`    ${line.text}`));
    }
  }
  lines.push("", "Resources:");
  // Like the CLI, `preview --refresh` and `up --refresh` count each resource once: by the step
  // against the program, not by its refresh step.
  const counted =
    result.operation === "preview" || result.operation === "up"
      ? result.steps.filter((st) => !st.op.startsWith("refresh-"))
      : result.steps;
  const countOf = (op: StepOp): number =>
    counted.filter((st) => st.op === op && st.error === undefined).length;
  for (const [ops, planned, done] of SUMMARY) {
    const n = ops.reduce((sum, op) => sum + countOf(op), 0);
    if (n > 0) {
      lines.push(`    ${(preview ? planned : done).replace("{n}", String(n))}`);
    }
  }
  const outputs = Object.entries(result.stackOutputs ?? {});
  if (outputs.length > 0) {
    // A Secret serializes as "[secret]".
    lines.push("", "Outputs:");
    outputs.forEach(([key, value]) => lines.push(`    ${key}: ${JSON.stringify(value)}`));
  }
  const secrets = result.steps.flatMap((s) => (s.outputs ? secretStrings(s.outputs) : []));
  const masked = secrets.filter((s) => s.length >= 3).concat(options.mask ?? []);
  return maskText(lines.join("\n"), masked);
}
