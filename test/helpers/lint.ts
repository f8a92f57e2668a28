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

/** Run one rule on YAML text; the findings as `CODE Kind ns/name` lines. */
export function check(ruleId: string, text: string, o: TestLintOptions = {}): string[] {
  return summary(lintText(text, { ...o, rules: [ruleId] }));
}

/** Run one rule on YAML text; the findings. */
export function findingsOf(ruleId: string, text: string, o: TestLintOptions = {}): Finding[] {
  return lintText(text, { ...o, rules: [ruleId] });
}

/** An ingress gateway workload and Service (80→8080, 443→8443) in istio-system. */
export const INGRESS = `apiVersion: v1
kind: Pod
metadata: {name: ingress-pod, namespace: istio-system, labels: {istio: ingressgateway}}
spec: {containers: [{name: istio-proxy}]}
---
apiVersion: v1
kind: Service
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  ports:
  - {name: http2, port: 80, targetPort: 8080}
  - {name: https, port: 443, targetPort: 8443}
`;

export function gateway(name: string, servers: string, extra = "", namespace = "default"): string {
  return `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: ${namespace}${extra}}
spec:
  selector: {istio: ingressgateway}
  servers:
${servers}
`;
}

export const HTTP_SERVER = `  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["web.example.com"]`;
