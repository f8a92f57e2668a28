/**
 * Generates src/envoy/proto-schema.ts: for each protobuf message that can appear in an Envoy
 * config dump, its fields in *declaration* order (the order Go's jsonpb, and so istioctl,
 * prints them), with the facts the JSON re-marshaller needs: field type, repeated/map,
 * explicit presence, and Envoy's `sensitive` annotation.
 *
 * Usage: npx tsx scripts/gen-proto-schema.ts OUT "SOURCES" ROOT... [--older ROOT]
 *   SOURCES: a line naming the snapshots (repository@commit), written into the header.
 *   ROOT: directories holding .proto files by import path; the first is Envoy's API
 *   (envoyproxy/data-plane-api), then cncf/xds and protobuf's well-known types. `--older` is
 *   an older snapshot of Envoy's API: fields Envoy has since removed are merged back at their
 *   old position, because dumps from older proxies still carry them.
 *
 * This is a build-time tool; nothing at run time reads .proto files.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

interface FieldDef {
  name: string;
  /** Scalar kind, or the unresolved type name for messages/enums. */
  type: string;
  mapKey?: string;
  repeated: boolean;
  presence: boolean;
  sensitive: boolean;
}

interface MessageDef {
  fullName: string;
  fields: FieldDef[];
  /** Scope used to resolve type names (the message's full name). */
  scope: string;
}

const SCALARS = new Set([
  "double",
  "float",
  "int32",
  "int64",
  "uint32",
  "uint64",
  "sint32",
  "sint64",
  "fixed32",
  "fixed64",
  "sfixed32",
  "sfixed64",
  "bool",
  "string",
  "bytes",
]);

const INT64 = new Set(["int64", "uint64", "sint64", "fixed64", "sfixed64"]);

function tokenize(src: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "/" && src[i + 1] === "/") {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === "/" && src[i + 1] === "*") {
      i = src.indexOf("*/", i + 2);
      i = i < 0 ? src.length : i + 2;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === "\\" ? 2 : 1;
      out.push(src.slice(i, j + 1));
      i = j + 1;
    } else if (/[A-Za-z0-9_.+-]/.test(c)) {
      let j = i;
      while (j < src.length && /[A-Za-z0-9_.+-]/.test(src[j] as string)) j++;
      out.push(src.slice(i, j));
      i = j;
    } else {
      out.push(c);
      i++;
    }
  }
  return out;
}

class Parser {
  pos = 0;
  pkg = "";
  readonly messages: MessageDef[] = [];
  /** Enum full name → the name of its zero value (what an unset enum field holds). */
  readonly enums = new Map<string, string>();
  constructor(private readonly t: string[]) {}

  peek(o = 0): string {
    return this.t[this.pos + o] ?? "";
  }
  next(): string {
    return this.t[this.pos++] ?? "";
  }
  expect(s: string): void {
    const n = this.next();
    if (n !== s) throw new Error(`expected ${s}, got ${n} at token ${this.pos}`);
  }
  skipBalanced(open: string, close: string): void {
    let depth = 0;
    do {
      const n = this.next();
      if (n === open) depth++;
      else if (n === close) depth--;
      if (n === "") throw new Error("unbalanced");
    } while (depth > 0);
  }
  skipStatement(): void {
    while (this.peek() !== ";" && this.peek() !== "") {
      if (this.peek() === "{") {
        this.skipBalanced("{", "}");
        return;
      }
      if (this.peek() === "[") this.skipBalanced("[", "]");
      else this.next();
    }
    this.next();
  }

  file(): void {
    while (this.pos < this.t.length) {
      const k = this.peek();
      if (k === "package") {
        this.next();
        this.pkg = this.next();
        this.expect(";");
      } else if (k === "message") {
        this.message(this.pkg);
      } else if (k === "enum") {
        this.enumDef(this.pkg);
      } else if (k === "service" || k === "extend") {
        this.next();
        this.next();
        this.skipBalanced("{", "}");
      } else {
        this.skipStatement();
      }
    }
  }

  message(parent: string): void {
    this.expect("message");
    const full = qualify(parent, this.next());
    const def: MessageDef = { fullName: full, fields: [], scope: full };
    this.messages.push(def);
    this.expect("{");
    while (this.peek() !== "}") {
      const k = this.peek();
      if (k === "message") this.message(full);
      else if (k === "enum") this.enumDef(full);
      else if (k === "oneof") {
        this.next();
        this.next();
        this.expect("{");
        while (this.peek() !== "}") {
          if (this.peek() === "option") this.skipStatement();
          else def.fields.push(this.field(true));
        }
        this.expect("}");
      } else if (k === "option" || k === "reserved" || k === "extensions") {
        this.skipStatement();
      } else if (k === "extend") {
        this.next();
        this.next();
        this.skipBalanced("{", "}");
      } else if (k === ";") {
        this.next();
      } else {
        def.fields.push(this.field(false));
      }
    }
    this.expect("}");
  }

  enumDef(parent: string): void {
    this.expect("enum");
    const full = qualify(parent, this.next());
    this.expect("{");
    let zero = "";
    while (this.peek() !== "}") {
      if (this.peek() === "option" || this.peek() === "reserved") {
        this.skipStatement();
        continue;
      }
      const name = this.next();
      this.expect("=");
      const num = this.next();
      if (num === "0" && zero === "") zero = name;
      if (this.peek() === "[") this.skipBalanced("[", "]");
      this.expect(";");
    }
    this.expect("}");
    this.enums.set(full, zero);
  }

  field(inOneof: boolean): FieldDef {
    let repeated = false;
    let presence = inOneof;
    if (this.peek() === "repeated") {
      this.next();
      repeated = true;
    } else if (this.peek() === "optional") {
      this.next();
      presence = true;
    } else if (this.peek() === "required") {
      this.next();
    }
    let type = this.next();
    let mapKey: string | undefined;
    if (type === "map") {
      this.expect("<");
      mapKey = this.next();
      this.expect(",");
      type = this.next();
      this.expect(">");
    }
    const name = this.next();
    this.expect("=");
    this.next();
    let sensitive = false;
    if (this.peek() === "[") {
      const start = this.pos;
      this.skipBalanced("[", "]");
      const opts = this.t.slice(start, this.pos).join(" ");
      sensitive = /\( udpa\.annotations\.sensitive \) = true/.test(opts);
    }
    this.expect(";");
    const f: FieldDef = { name, type, repeated, presence, sensitive };
    if (mapKey !== undefined) f.mapKey = mapKey;
    return f;
  }
}

function qualify(parent: string, name: string): string {
  return parent ? `${parent}.${name}` : name;
}

function protoFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(".proto")) out.push(p);
    }
  };
  walk(root);
  return out.sort((a, b) => relative(root, a).localeCompare(relative(root, b)));
}

interface Parsed {
  messages: Map<string, MessageDef>;
  enums: Map<string, string>;
}

function parseRoots(roots: string[]): Parsed {
  const messages = new Map<string, MessageDef>();
  const enums = new Map<string, string>();
  for (const root of roots) {
    for (const f of protoFiles(root)) {
      const p = new Parser(tokenize(readFileSync(f, "utf8")));
      try {
        p.file();
      } catch (e) {
        throw new Error(`${f}: ${(e as Error).message}`);
      }
      for (const m of p.messages) messages.set(m.fullName, m);
      for (const [e, zero] of p.enums) enums.set(e, zero);
    }
  }
  return { messages, enums };
}

function resolve(name: string, scope: string, p: Parsed): string | undefined {
  if (name.startsWith(".")) return name.slice(1);
  let s = scope;
  for (;;) {
    const cand = s ? `${s}.${name}` : name;
    if (p.messages.has(cand) || p.enums.has(cand)) return cand;
    if (!s) return undefined;
    const dot = s.lastIndexOf(".");
    s = dot < 0 ? "" : s.slice(0, dot);
  }
}

/** One compact token per field type: scalar kind, `e=ZERO` for enums, `.full.Name` for messages. */
function typeToken(t: string, scope: string, p: Parsed): string {
  if (SCALARS.has(t)) {
    if (INT64.has(t)) return "i64";
    if (t === "string" || t === "bytes" || t === "bool") return t;
    return "num";
  }
  const full = resolve(t, scope, p);
  if (full === undefined) return `?${t}`;
  const zero = p.enums.get(full);
  return zero !== undefined ? `e=${zero}` : `.${full}`;
}

/** Fields Envoy has removed since the older snapshot go back after their old predecessor. */
function mergeFields(current: FieldDef[], older: FieldDef[] | undefined): FieldDef[] {
  if (!older) return current;
  const out = [...current];
  const has = new Set(out.map((f) => f.name));
  let prev: string | undefined;
  for (const f of older) {
    if (!has.has(f.name)) {
      const at = prev === undefined ? 0 : out.findIndex((g) => g.name === prev) + 1;
      out.splice(at, 0, f);
      has.add(f.name);
    }
    prev = f.name;
  }
  return out;
}

function main(): void {
  const args = process.argv.slice(2);
  const out = args.shift();
  const sources = args.shift();
  if (!out || !sources) throw new Error('usage: gen-proto-schema OUT "SOURCES" ROOT... [--older ROOT]');
  const split = args.indexOf("--older");
  const roots = split < 0 ? args : args.slice(0, split);
  const olderRoots = split < 0 ? [] : args.slice(split + 1);
  const cur = parseRoots(roots);
  const old = olderRoots.length ? parseRoots([...olderRoots, ...roots.slice(1)]) : undefined;
  const all: Parsed = {
    messages: new Map([...(old?.messages ?? []), ...cur.messages]),
    enums: new Map([...(old?.enums ?? []), ...cur.enums]),
  };

  const keep = (name: string): boolean =>
    /^(envoy\.(admin|config|extensions|type|data|service\.discovery|watchdog)\.|xds\.|udpa\.type\.|google\.protobuf\.)/.test(
      name,
    ) &&
    !/\.v2(alpha|beta)?\d*\./.test(name) &&
    !/^envoy\.config\.(filter|accesslog\.v2|trace\.v2|metrics\.v2|ratelimit\.v2|overload\.v2)/.test(name);

  const names = [...all.messages.keys()].filter(keep).sort();
  const lines: string[] = [];
  for (const name of names) {
    const m = all.messages.get(name) as MessageDef;
    const fields = mergeFields(m.fields, old?.messages.get(name)?.fields);
    const encoded = fields.map((f) => {
      let t = typeToken(f.type, m.scope, all);
      if (f.mapKey !== undefined) t = `{${t}`;
      const flags = `${f.repeated ? "r" : ""}${f.presence ? "p" : ""}${f.sensitive ? "s" : ""}`;
      return flags ? `${f.name} ${t} ${flags}` : `${f.name} ${t}`;
    });
    lines.push(`  ${JSON.stringify(name)}: ${JSON.stringify(encoded.join(";"))},`);
  }

  const header = `// Generated by scripts/gen-proto-schema.ts (see docs/views.md). Do not edit by hand.
// Sources: ${sources}
//
// Each message maps to its fields in proto declaration order, ";"-separated. A field is
// "name type [flags]": type is a scalar kind (string, bytes, bool, num, i64), "e=ZERO" for an
// enum (ZERO: the name of its zero value), ".full.Name" for a message, with a leading "{" for a map<string, type>. Flags:
// r repeated, p explicit presence (oneof member or optional), s udpa "sensitive".
`;
  writeFileSync(
    out,
    `${header}export const PROTO_MESSAGES: Readonly<Record<string, string>> = {\n${lines.join("\n")}\n};\n`,
  );
  process.stdout.write(`${names.length} messages\n`);
}

main();
