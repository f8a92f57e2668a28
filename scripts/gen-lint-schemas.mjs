#!/usr/bin/env node
// Regenerates src/lint/schemas/*.json from Istio's CRD files (istio/api
// kubernetes/customresourcedefinitions.gen.yaml, split per kind).
//
//   node scripts/gen-lint-schemas.mjs <folder with <plural>.networking.istio.io.yaml files>
//
// Each CRD serves v1, v1alpha3 and v1beta1 with one schema; the script checks that and keeps
// the v1 openAPIV3Schema, without `description` texts (they are documentation, not rules).
// The JSON is committed so that neither the build nor a lint run parses 700 KB of YAML.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const KINDS = {
  Gateway: "gateways",
  VirtualService: "virtualservices",
  DestinationRule: "destinationrules",
  ServiceEntry: "serviceentries",
};

function strip(value) {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const key of Object.keys(value).sort()) {
    if (key === "description") continue;
    out[key] = strip(value[key]);
  }
  return out;
}

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node scripts/gen-lint-schemas.mjs <crd folder>");
  process.exit(2);
}
const out = new URL("../src/lint/schemas/", import.meta.url);
for (const [kind, plural] of Object.entries(KINDS)) {
  const crd = parse(readFileSync(join(dir, `${plural}.networking.istio.io.yaml`), "utf8"));
  const versions = crd.spec.versions;
  const schemas = versions.map((v) => JSON.stringify(strip(v.schema.openAPIV3Schema)));
  if (new Set(schemas).size !== 1) throw new Error(`${kind}: versions do not share one schema`);
  const doc = {
    kind,
    group: crd.spec.group,
    versions: versions.map((v) => v.name),
    schema: JSON.parse(schemas[0]),
  };
  writeFileSync(new URL(`${plural}.json`, out), `${JSON.stringify(doc)}\n`);
  console.log(`${kind}: ${versions.map((v) => v.name).join(", ")}`);
}
