import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from "yaml";

/**
 * The test files of Envoy's router_check_tool (test/tools/router_check/validation.proto), in
 * JSON or YAML: `tests[]` of `test_name`, `input` and `validate`. Field names may be written
 * in snake_case or lowerCamelCase, as protobuf's JSON parser accepts both. Every problem is
 * reported with its line, as the CLI prints `file:line: message`.
 */

export interface HeaderValue {
  readonly key: string;
  readonly value: string;
}

export interface TestInput {
  readonly authority: string;
  readonly path: string;
  readonly method: string;
  readonly ssl: boolean;
  readonly internal: boolean;
  readonly randomValue: number;
  readonly runtime?: string;
  readonly additionalRequestHeaders: readonly HeaderValue[];
  readonly additionalResponseHeaders: readonly HeaderValue[];
}

/** What a test expects; a string field present with "" means "expect no value". */
export interface TestValidate {
  readonly clusterName?: string;
  readonly virtualClusterName?: string;
  readonly virtualHostName?: string;
  readonly hostRewrite?: string;
  readonly pathRewrite?: string;
  readonly pathRedirect?: string;
  readonly codeRedirect?: number;
  readonly requestHeaderMatches: readonly Record<string, unknown>[];
  readonly responseHeaderMatches: readonly Record<string, unknown>[];
  readonly requestHeaderFields: readonly HeaderValue[];
  readonly responseHeaderFields: readonly HeaderValue[];
}

export interface RouteTest {
  readonly name: string;
  readonly line: number;
  readonly input: TestInput;
  readonly validate: TestValidate;
}

export interface FileProblem {
  readonly line: number;
  readonly message: string;
}

export type ParsedTests =
  | { readonly ok: true; readonly tests: readonly RouteTest[] }
  | { readonly ok: false; readonly problems: readonly FileProblem[] };

/** lowerCamelCase → snake_case, as protobuf JSON names map to field names. */
function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const INPUT_FIELDS = [
  "authority",
  "path",
  "method",
  "ssl",
  "internal",
  "random_value",
  "runtime",
  "additional_request_headers",
  "additional_response_headers",
];
const STRING_CHECKS = [
  "cluster_name",
  "virtual_cluster_name",
  "virtual_host_name",
  "host_rewrite",
  "path_rewrite",
  "path_redirect",
];
const VALIDATE_FIELDS = [
  ...STRING_CHECKS,
  "code_redirect",
  "request_header_matches",
  "response_header_matches",
  "request_header_fields",
  "response_header_fields",
];

class Reader {
  readonly problems: FileProblem[] = [];
  constructor(private readonly lines: LineCounter) {}

  lineOf(node: Node | null | undefined): number {
    const start = node?.range?.[0];
    return start === undefined ? 1 : this.lines.linePos(start).line;
  }

  problem(node: Node | null | undefined, message: string): void {
    this.problems.push({ line: this.lineOf(node), message });
  }

  /** The fields of a map by snake_case name; unknown names are problems. */
  fields(node: Node | null | undefined, where: string, allowed: readonly string[]): Map<string, Node> {
    const out = new Map<string, Node>();
    if (!isMap(node)) {
      this.problem(node, `${where} must be a map`);
      return out;
    }
    for (const pair of (node as YAMLMap<Node, Node>).items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      const name = snake(key);
      if (!allowed.includes(name)) {
        this.problem(
          pair.key,
          `unknown field ${JSON.stringify(key)} in ${where} (known: ${allowed.join(", ")})`,
        );
        continue;
      }
      out.set(name, pair.value as Node);
    }
    return out;
  }

  string(node: Node | undefined, where: string): string | undefined {
    if (node === undefined) return undefined;
    if (isScalar(node) && typeof node.value === "string") return node.value;
    this.problem(node, `${where} must be a string`);
    return undefined;
  }

  bool(node: Node | undefined, where: string): boolean {
    if (node === undefined) return false;
    if (isScalar(node) && typeof node.value === "boolean") return node.value;
    this.problem(node, `${where} must be true or false`);
    return false;
  }

  integer(node: Node | undefined, where: string): number | undefined {
    if (node === undefined) return undefined;
    const v = isScalar(node) ? node.value : undefined;
    // uint64 values may be written as JSON strings.
    const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : Number.NaN;
    if (Number.isInteger(n) && n >= 0) return n;
    this.problem(node, `${where} must be a non-negative integer`);
    return undefined;
  }

  headerValues(node: Node | undefined, where: string): HeaderValue[] {
    if (node === undefined) return [];
    if (!isSeq(node)) {
      this.problem(node, `${where} must be a list of {key, value}`);
      return [];
    }
    return node.items.flatMap((item, i) => {
      const f = this.fields(item as Node, `${where}[${i}]`, ["key", "value"]);
      const key = this.string(f.get("key"), `${where}[${i}].key`);
      const value = this.string(f.get("value"), `${where}[${i}].value`) ?? "";
      if (key === undefined) {
        if (!f.has("key")) this.problem(item as Node, `${where}[${i}] needs a key`);
        return [];
      }
      return [{ key, value }];
    });
  }

  headerMatchers(node: Node | undefined, where: string): Record<string, unknown>[] {
    if (node === undefined) return [];
    if (!isSeq(node)) {
      this.problem(node, `${where} must be a list of header matchers`);
      return [];
    }
    return node.items.flatMap((item, i) => {
      if (!isMap(item)) {
        this.problem(item as Node, `${where}[${i}] must be a header matcher`);
        return [];
      }
      const json = snakeKeys((item as YAMLMap).toJSON()) as Record<string, unknown>;
      if (typeof json.name !== "string" || json.name === "") {
        this.problem(item as Node, `${where}[${i}] needs a name`);
        return [];
      }
      return [json];
    });
  }
}

function snakeKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(snakeKeys);
  if (typeof v !== "object" || v === null) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [snake(k), snakeKeys(x)]));
}

function readInput(r: Reader, node: Node | undefined, where: string, testNode: Node): TestInput | undefined {
  if (node === undefined) {
    r.problem(testNode, `${where} is required`);
    return undefined;
  }
  const f = r.fields(node, where, INPUT_FIELDS);
  const authority = r.string(f.get("authority"), `${where}.authority`);
  const path = r.string(f.get("path"), `${where}.path`);
  const method = r.string(f.get("method"), `${where}.method`);
  for (const [name, v] of [
    ["authority", authority],
    ["path", path],
  ] as const) {
    if (v === undefined && !f.has(name)) r.problem(node, `${where}.${name} is required`);
  }
  if (method === undefined && !f.has("method")) r.problem(node, `${where}.method is required`);
  else if (method !== undefined && method.length < 3)
    r.problem(f.get("method"), `${where}.method must have at least 3 characters`);
  const runtime = r.string(f.get("runtime"), `${where}.runtime`);
  return {
    authority: authority ?? "",
    path: path ?? "",
    method: method ?? "",
    ssl: r.bool(f.get("ssl"), `${where}.ssl`),
    internal: r.bool(f.get("internal"), `${where}.internal`),
    randomValue: r.integer(f.get("random_value"), `${where}.random_value`) ?? 0,
    ...(runtime !== undefined && { runtime }),
    additionalRequestHeaders: r.headerValues(
      f.get("additional_request_headers"),
      `${where}.additional_request_headers`,
    ),
    additionalResponseHeaders: r.headerValues(
      f.get("additional_response_headers"),
      `${where}.additional_response_headers`,
    ),
  };
}

const CAMEL: Record<string, keyof TestValidate> = {
  cluster_name: "clusterName",
  virtual_cluster_name: "virtualClusterName",
  virtual_host_name: "virtualHostName",
  host_rewrite: "hostRewrite",
  path_rewrite: "pathRewrite",
  path_redirect: "pathRedirect",
};

function readValidate(
  r: Reader,
  node: Node | undefined,
  where: string,
  testNode: Node,
): TestValidate | undefined {
  if (node === undefined) {
    r.problem(testNode, `${where} is required`);
    return undefined;
  }
  const f = r.fields(node, where, VALIDATE_FIELDS);
  if (isMap(node) && f.size === 0 && (node as YAMLMap).items.length === 0)
    r.problem(node, `${where} needs at least one check (${VALIDATE_FIELDS.join(", ")})`);
  const out: Record<string, unknown> = {};
  for (const name of STRING_CHECKS) {
    const v = r.string(f.get(name), `${where}.${name}`);
    if (v !== undefined) out[CAMEL[name] as string] = v;
  }
  const code = r.integer(f.get("code_redirect"), `${where}.code_redirect`);
  if (code !== undefined) out.codeRedirect = code;
  return {
    ...(out as Partial<TestValidate>),
    requestHeaderMatches: r.headerMatchers(
      f.get("request_header_matches"),
      `${where}.request_header_matches`,
    ),
    responseHeaderMatches: r.headerMatchers(
      f.get("response_header_matches"),
      `${where}.response_header_matches`,
    ),
    requestHeaderFields: r.headerValues(f.get("request_header_fields"), `${where}.request_header_fields`),
    responseHeaderFields: r.headerValues(f.get("response_header_fields"), `${where}.response_header_fields`),
  };
}

export function parseTestFile(text: string): ParsedTests {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        line: lines.linePos(e.pos[0]).line,
        message: e.message.split("\n")[0] ?? e.message,
      })),
    };
  }
  const r = new Reader(lines);
  const top = r.fields(doc.contents as Node, "the test file", ["tests", "runtime"]);
  const testsNode = top.get("tests");
  const tests: RouteTest[] = [];
  if (!isSeq(testsNode) || testsNode.items.length === 0) {
    r.problem(testsNode ?? (doc.contents as Node), "tests must be a list of at least one test");
  } else {
    testsNode.items.forEach((item, i) => {
      const node = item as Node;
      const where = `tests[${i}]`;
      const f = r.fields(node, where, ["test_name", "input", "validate"]);
      const name = r.string(f.get("test_name"), `${where}.test_name`);
      if (name === undefined && !f.has("test_name") && isMap(node))
        r.problem(node, `${where}.test_name is required`);
      const input = readInput(r, f.get("input"), `${where}.input`, node);
      const validate = readValidate(r, f.get("validate"), `${where}.validate`, node);
      if (name !== undefined && input && validate)
        tests.push({ name, line: r.lineOf(node), input, validate });
    });
  }
  const problems = [...r.problems].sort((a, b) => a.line - b.line);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, tests };
}
