import type { LintInput } from "../../src/lint/context.js";
import { type LintRunOptions, lint } from "../../src/lint/engine.js";
import { RULES, ruleById } from "../../src/lint/registry.js";
import type { Finding, Rule } from "../../src/lint/types.js";
import { parseFiles } from "../../src/manifests/load.js";
import { readManifestPaths } from "../../src/manifests/read.js";
import type { SourceFile } from "../../src/manifests/types.js";
import { buildMesh } from "../../src/mesh/build.js";

/** A fixed clock for certificate checks: the walkthrough's certificates are valid then. */
export const NOW = new Date("2026-01-15T00:00:00Z");

export interface TestLintOptions extends Partial<LintRunOptions> {
  /** Rule ids to run (default: all). */
  readonly rules?: readonly string[];
  readonly namespace?: string;
}

export function inputOf(files: readonly SourceFile[], namespace = "default"): LintInput {
  const loaded = parseFiles(files, { defaultNamespace: namespace });
  if (loaded.errors.length > 0) throw new Error(`input errors: ${JSON.stringify(loaded.errors)}`);
  const built = buildMesh(loaded.objects, { domainSuffix: "cluster.local" });
  return { objects: loaded.objects, mesh: built.mesh, rejected: built.rejected };
}

function rulesOf(ids: readonly string[] | undefined): readonly Rule[] {
  if (!ids) return RULES;
  return ids.map((id) => {
    const r = ruleById(id);
    if (!r) throw new Error(`no rule ${id}`);
    return r;
  });
}

function run(files: readonly SourceFile[], o: TestLintOptions): Finding[] {
  return lint(
    inputOf(files, o.namespace),
    { now: NOW, certWarnDays: 30, defaultGateway: true, ...o },
    rulesOf(o.rules),
  );
}

/** Lint YAML text as if it were one file, test.yaml. */
export function lintText(text: string, o: TestLintOptions = {}): Finding[] {
  return run([{ path: "test.yaml", text }], o);
}

export function lintPaths(paths: readonly string[], o: TestLintOptions = {}): Finding[] {
  const read = readManifestPaths(paths, () => "");
  if (read.errors.length > 0) throw new Error(`read errors: ${JSON.stringify(read.errors)}`);
  return run(read.files, o);
}

/** `CODE Kind ns/name` per finding, for compact assertions. */
export function summary(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.code} ${f.resource.kind} ${f.resource.namespace}/${f.resource.name}`);
}
