/**
 * `${name}` substitution in catalog values. A string that is exactly one reference takes the
 * variable's value with its type (so `accessTokenValiditySeconds: ${tokenLifetime}` gets a number,
 * and a list variable can fill a whole list); a reference inside a longer string is replaced by the
 * variable's text. `$${` is a literal `${`. Only values are substituted, never keys: entry keys are
 * resource names and must not vary per stack.
 */
import { closest, didYouMean, describe, quote } from "../oauthClient/suggest";
import type { CatalogVars } from "./format";

/** What a variable name must look like. */
export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A substitution problem at a path relative to the substituted value (`""` for the value). */
export interface SubstitutionProblem {
  /** Path below the substituted value, e.g. `[0].roleId`; `""` for the value itself. */
  path: string;
  /** What is wrong and how to fix it. */
  message: string;
}

/** The result of substituting variables into a value. */
export interface Substituted {
  /** The value with every reference replaced (unchanged parts are shared, not copied). */
  value: unknown;
  /** Every problem found; `value` is meaningless where a problem is. */
  problems: SubstitutionProblem[];
  /** The names of the variables used. */
  used: Set<string>;
  /** The paths (as in {@link SubstitutionProblem.path}) of the strings that used a variable. */
  usedAt: string[];
}

/** How to describe the variables in messages. */
export interface VariableContext {
  /** The variables. */
  vars: CatalogVars;
  /** Where the variables come from, e.g. `the stack config genesys-oauth-clients:vars`. */
  source?: string;
}

type Piece = { text: string } | { name: string };

/** Splits a string into literal text and references; throws a message for a malformed one. */
function tokenize(value: string): Piece[] {
  const pieces: Piece[] = [];
  let text = "";
  let i = 0;
  while (i < value.length) {
    if (value.startsWith("$${", i)) {
      text += "${";
      i += 3;
    } else if (value.startsWith("${", i)) {
      const end = value.indexOf("}", i + 2);
      if (end < 0) {
        throw new Error(
          `${quote(value)} has "\${" without a closing "}": write \${name}, or $\${ for a literal "\${"`,
        );
      }
      const name = value.slice(i + 2, end).trim();
      if (!VARIABLE_NAME_PATTERN.test(name)) {
        throw new Error(
          `${quote(value.slice(i, end + 1))} is not a variable reference: names are letters, ` +
            'digits and "_" (not starting with a digit); write $${ for a literal "${"',
        );
      }
      if (text !== "") pieces.push({ text });
      text = "";
      pieces.push({ name });
      i = end + 1;
    } else {
      text += value[i];
      i += 1;
    }
  }
  if (text !== "" || pieces.length === 0) pieces.push({ text });
  return pieces;
}

function unknownVariable(name: string, context: VariableContext): string {
  const defined = Object.keys(context.vars).sort();
  const suggestion = closest(name, defined);
  const source = context.source ? ` in ${context.source}` : "";
  const list = defined.length === 0 ? "none is defined" : `defined: ${defined.join(", ")}`;
  return `unknown variable "${name}":${didYouMean(suggestion)} it is not defined${source} (${list})`;
}

function substituteString(
  value: string,
  context: VariableContext,
  used: Set<string>,
): { value: unknown; variable: boolean } | { problem: string } {
  let pieces: Piece[];
  try {
    pieces = tokenize(value);
  } catch (err) {
    return { problem: (err as Error).message };
  }
  if (pieces.length === 1 && "text" in pieces[0]) return { value: pieces[0].text, variable: false };
  for (const piece of pieces) {
    if ("name" in piece && !Object.prototype.hasOwnProperty.call(context.vars, piece.name)) {
      return { problem: unknownVariable(piece.name, context) };
    }
  }
  if (pieces.length === 1 && "name" in pieces[0]) {
    used.add(pieces[0].name);
    const whole = context.vars[pieces[0].name];
    return { value: whole === undefined ? null : whole, variable: true };
  }
  let out = "";
  for (const piece of pieces) {
    if ("text" in piece) {
      out += piece.text;
      continue;
    }
    used.add(piece.name);
    const v = context.vars[piece.name];
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
      out += String(v);
    } else {
      return {
        problem:
          `variable "${piece.name}" is ${describe(v)}, which cannot be part of a longer string: ` +
          `use it as the whole value (\${${piece.name}}) or give it a text value`,
      };
    }
  }
  return { value: out, variable: true };
}

/**
 * Replaces the references in every string of `value` (recursively through lists and mappings).
 * Never throws: problems are collected with their paths below `value`.
 */
export function substituteVariables(value: unknown, context: VariableContext): Substituted {
  const problems: SubstitutionProblem[] = [];
  const used = new Set<string>();
  const usedAt: string[] = [];
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === "string") {
      const r = substituteString(v, context, used);
      if ("problem" in r) {
        problems.push({ path, message: r.problem });
        return v;
      }
      if (r.variable) usedAt.push(path);
      return r.value;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, `${path}[${i}]`));
    if (typeof v === "object" && v !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) out[k] = walk(item, path ? `${path}.${k}` : k);
      return out;
    }
    return v;
  };
  return { value: walk(value, ""), problems, used, usedAt };
}

/** `$${` for every `${` in `text`, so that substitution gives `text` back. */
export function escapeVariables(text: string): string {
  return text.split("${").join("$${");
}

/**
 * Checks a variables map: a mapping whose names are identifiers and whose values are JSON values
 * (no functions, no `undefined` items). Returns the problems, each naming the variable.
 */
export function checkVariables(vars: unknown): string[] {
  if (typeof vars !== "object" || vars === null || Array.isArray(vars)) {
    return [`the variables must be a mapping of names to values, not ${describe(vars)}`];
  }
  const problems: string[] = [];
  for (const [name, value] of Object.entries(vars)) {
    if (!VARIABLE_NAME_PATTERN.test(name)) {
      problems.push(
        `variable name ${quote(name)} is not valid: use letters, digits and "_", not starting ` +
          "with a digit",
      );
    }
    if (!isJsonValue(value)) {
      problems.push(`variable "${name}" must be a JSON value, not ${describe(value)}`);
    }
  }
  return problems;
}

function isJsonValue(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (typeof value === "object" && value !== null) {
    const proto = Object.getPrototypeOf(value) as unknown;
    return (
      (proto === Object.prototype || proto === null) && Object.values(value).every(isJsonValue)
    );
  }
  return false;
}
