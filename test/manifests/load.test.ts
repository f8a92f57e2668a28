import assert from "node:assert/strict";
import { parseFiles } from "../../src/manifests/load.js";
import { locateField } from "../../src/manifests/positions.js";
import { readManifestPaths } from "../../src/manifests/read.js";
import type { SourceFile } from "../../src/manifests/types.js";
import { step } from "../helpers/walkthrough.js";

const load = (text: string, path = "in.yaml", defaultNamespace = "default") =>
  parseFiles([{ path, text } satisfies SourceFile], { defaultNamespace });

describe("manifests: loading", () => {
  it("reads every document of a multi-document file, with its line", () => {
    const r = load(
      "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\n# comment\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n",
    );
    assert.deepEqual(
      r.objects.map((o) => [o.name, o.pos.line]),
      [
        ["a", 1],
        ["b", 6],
      ],
    );
    assert.deepEqual(r.errors, []);
  });

  it("unpacks kind: List (kubectl get -o yaml) and keeps each item's own line", () => {
    const text = [
      "apiVersion: v1",
      "kind: List",
      "items:",
      "- apiVersion: v1",
      "  kind: Service",
      "  metadata: {name: a, namespace: x}",
      "- apiVersion: networking.istio.io/v1beta1",
      "  kind: Gateway",
      "  metadata: {name: g, namespace: x}",
      "  spec: {}",
    ].join("\n");
    const r = load(text);
    assert.deepEqual(
      r.objects.map((o) => [o.kind, o.name, o.pos.line]),
      [
        ["Service", "a", 4],
        ["Gateway", "g", 7],
      ],
    );
  });

  it("accepts networking.istio.io v1alpha3, v1beta1 and v1 alike", () => {
    const docs = ["v1alpha3", "v1beta1", "v1"].map(
      (v, i) => `apiVersion: networking.istio.io/${v}\nkind: Gateway\nmetadata: {name: g${i}}\nspec: {}\n`,
    );
    const r = load(docs.join("---\n"));
    assert.deepEqual(
      r.objects.map((o) => o.version),
      ["v1alpha3", "v1beta1", "v1"],
    );
  });

  it("gives objects without a namespace the -n namespace, but not cluster-scoped kinds", () => {
    const r = load(
      "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ns}\n",
      "x.yaml",
      "team",
    );
    assert.deepEqual(
      r.objects.map((o) => [o.kind, o.namespace]),
      [
        ["Service", "team"],
        ["Namespace", ""],
      ],
    );
  });

  it("reads JSON files too", () => {
    const r = load('{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "j"}}', "s.json");
    assert.equal(r.objects[0]?.name, "j");
  });

  it("reports missing apiVersion, kind and name with their field", () => {
    const r = load(
      "kind: Service\nmetadata: {name: a}\n---\napiVersion: v1\nmetadata: {name: b}\n---\napiVersion: v1\nkind: Service\nmetadata: {}\n",
    );
    assert.deepEqual(
      r.errors.map((e) => [e.line, e.field]),
      [
        [1, "apiVersion"],
        [4, "kind"],
        [7, "metadata.name"],
      ],
    );
  });

  it("refuses a YAML alias bomb by file and line, and keeps the documents beside it", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (const n of ["b", "c", "d", "e"]) {
      const prev = levels.length === 1 ? "a" : String.fromCharCode(n.charCodeAt(0) - 1);
      levels.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    const r = load(
      [
        "apiVersion: v1",
        "kind: Service",
        "metadata: {name: ok}",
        "---",
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata: {name: bomb}",
        ...levels,
      ].join("\n"),
    );
    assert.deepEqual(
      r.objects.map((o) => o.name),
      ["ok"],
    );
    assert.equal(r.errors.length, 1);
    assert.deepEqual({ file: r.errors[0]?.file, line: r.errors[0]?.line }, { file: "in.yaml", line: 5 });
    assert.match(r.errors[0]?.message ?? "", /^invalid YAML: Excessive alias count/);
  });

  it("counts unused kinds by kind and group", () => {
    const r = load(
      "apiVersion: v1\nkind: ConfigMapX\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: b}\n",
    );
    assert.deepEqual(
      [...r.skipped.entries()],
      [
        ["ConfigMapX", 1],
        ["ServiceAccount", 1],
      ],
    );
  });

  it("finds the line and column of a nested field on demand", () => {
    const text =
      "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: g\nspec:\n  servers:\n  - port:\n      number: 80\n";
    const r = load(text);
    const obj = r.objects[0];
    assert.ok(obj);
    assert.deepEqual(locateField(obj, ["spec", "servers", 0, "port", "number"]), {
      file: "in.yaml",
      line: 8,
      column: 7,
    });
    // A missing field is reported at its deepest existing parent.
    assert.equal(locateField(obj, ["spec", "servers", 0, "hosts"]).line, 7);
  });

  it("finds fields of List items and of several documents, in any order", () => {
    const item = (n: number) =>
      `- apiVersion: v1\n  kind: Service\n  metadata:\n    name: s${n}\n  spec:\n    ports:\n    - port: ${n}\n`;
    const text = `apiVersion: v1\nkind: List\nitems:\n${[1, 2, 3].map(item).join("")}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: last\n`;
    const r = load(text);
    const [a, b, c, d] = r.objects;
    assert.ok(a && b && c && d);
    const port = (o: typeof a) => locateField(o, ["spec", "ports", 0, "port"]);
    // Alternate between documents: each answer must come from its own document.
    assert.deepEqual(port(c), { file: "in.yaml", line: 24, column: 7 });
    assert.deepEqual(locateField(d, ["metadata", "name"]), { file: "in.yaml", line: 29, column: 3 });
    assert.deepEqual(port(a), { file: "in.yaml", line: 10, column: 7 });
    assert.deepEqual(port(b), { file: "in.yaml", line: 17, column: 7 });
  });
});

describe("manifests: reading paths", () => {
  it("walks folders recursively in name order, and takes - from stdin", () => {
    const r = readManifestPaths(
      [step("03-services"), "-"],
      () => "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n",
    );
    const names = r.files.map((f) => f.path.replace(/.*03-services[/\\]/, ""));
    assert.deepEqual(names, [
      "istio-system/ingressgateway.yaml",
      "istioinaction/catalog.yaml",
      "istioinaction/coolstore-gw.yaml",
      "istioinaction/coolstore-vs.yaml",
      "istioinaction/namespace.yaml",
      "istioinaction/webapp.yaml",
      "<stdin>",
    ]);
  });

  it("collects -f repeated", () => {
    const r = readManifestPaths([step("01-gateway-http"), step("02-virtualservice")], () => "");
    assert.equal(r.files.length, 3 + 4);
  });
});
