import { Composer, isMap, isSeq, LineCounter, type Node, Parser } from "yaml";
import { isListKind, splitApiVersion, usedKind } from "./kinds.js";
import type { FieldPath, InputError, LoadResult, ManifestObject, SourceFile } from "./types.js";
import { formatFieldPath } from "./types.js";

export interface LoadOptions {
  /** Namespace for namespaced objects that have none (kubectl's -n). */
  readonly defaultNamespace: string;
  /** Called after each file, for progress on long runs. */
  readonly onFile?: (filesDone: number, filesTotal: number, objects: number) => void;
}

interface Sink {
  objects: ManifestObject[];
  skipped: Map<string, number>;
  errors: InputError[];
}

/**
 * Parse already-read files into objects. Errors are collected per document, so one bad
 * document never hides the valid ones next to it.
 */
export function parseFiles(files: readonly SourceFile[], options: LoadOptions): LoadResult {
  const sink: Sink = { objects: [], skipped: new Map(), errors: [] };
  files.forEach((file, i) => {
    parseFile(file, options, sink);
    options.onFile?.(i + 1, files.length, sink.objects.length);
  });
  return { ...sink, files: [...files] };
}

/**
 * Documents are composed and converted one at a time (what parseAllDocuments does, without
 * holding every parse tree of the file at once): each tree dies young, which keeps the
 * garbage collector's work proportional to the input on large files.
 */
function parseFile(file: SourceFile, options: LoadOptions, sink: Sink): void {
  const lineCounter = new LineCounter();
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer({ merge: true, prettyErrors: false });
  for (const doc of composer.compose(parser.parse(file.text))) {
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const lp = lineCounter.linePos(err.pos[0]);
        sink.errors.push({
          file: file.path,
          line: lp.line,
          column: lp.col,
          message: `invalid YAML: ${firstLine(err.message)}`,
        });
      }
      continue;
    }
    const [start, , end] = doc.range;
    let body: unknown;
    try {
      body = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      // Converting a composed document fails only on its content: aliases that expand
      // beyond the limit (a "billion laughs" document) are the case the yaml package names.
      const lp = lineCounter.linePos((doc.contents as Node | null)?.range?.[0] ?? start);
      sink.errors.push({
        file: file.path,
        line: lp.line,
        column: lp.col,
        message: `invalid YAML: ${firstLine((e as Error).message)}`,
      });
      continue;
    }
    if (body === null || body === undefined) continue; // empty document, e.g. a trailing ---
    const ctx: DocContext = { file, start, end, lineCounter };
    addObject(body, doc.contents as Node | null, [], ctx, options, sink);
  }
}

interface DocContext {
  file: SourceFile;
  start: number;
  end: number;
  lineCounter: LineCounter;
}

/** The value node of `key` in a mapping node, if there is one. */
function childNode(node: Node | null | undefined, key: string): Node | null | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
  return pair?.value as Node | null | undefined;
}

function addObject(
  body: unknown,
  node: Node | null | undefined,
  path: FieldPath,
  ctx: DocContext,
  options: LoadOptions,
  sink: Sink,
): void {
  const at = ctx.lineCounter.linePos(node?.range?.[0] ?? ctx.start);
  const where = { file: ctx.file.path, line: at.line, column: at.col };
  const prefix = path.length ? `${formatFieldPath(path)}: ` : "";
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    sink.errors.push({
      ...where,
      message: `${prefix}expected a Kubernetes object (a mapping with apiVersion and kind)`,
    });
    return;
  }
  const obj = body as Record<string, unknown>;
  const apiVersion = obj.apiVersion;
  const kind = obj.kind;
  if (typeof apiVersion !== "string" || apiVersion === "") {
    sink.errors.push({
      ...where,
      field: formatFieldPath([...path, "apiVersion"]),
      message: "missing or not a string",
    });
    return;
  }
  if (typeof kind !== "string" || kind === "") {
    sink.errors.push({
      ...where,
      field: formatFieldPath([...path, "kind"]),
      message: "missing or not a string",
    });
    return;
  }
  const { group, version } = splitApiVersion(apiVersion);
  if (isListKind(group, kind)) {
    const items = obj.items;
    if (!Array.isArray(items)) {
      sink.errors.push({
        ...where,
        field: formatFieldPath([...path, "items"]),
        message: "a List needs an items array",
      });
      return;
    }
    const itemsNode = childNode(node, "items");
    items.forEach((item, i) => {
      const itemNode = isSeq(itemsNode) ? (itemsNode.items[i] as Node | undefined) : undefined;
      addObject(item, itemNode, [...path, "items", i], ctx, options, sink);
    });
    return;
  }
  const info = usedKind(group, kind);
  if (!info) {
    const label = group ? `${kind}.${group}` : kind;
    sink.skipped.set(label, (sink.skipped.get(label) ?? 0) + 1);
    return;
  }
  const metadata = obj.metadata;
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    sink.errors.push({
      ...where,
      field: formatFieldPath([...path, "metadata"]),
      message: "missing or not a mapping",
    });
    return;
  }
  const meta = metadata as Record<string, unknown>;
  if (typeof meta.name !== "string" || meta.name === "") {
    sink.errors.push({
      ...where,
      field: formatFieldPath([...path, "metadata", "name"]),
      message: "missing or not a string",
    });
    return;
  }
  let namespace = "";
  if (info.namespaced) {
    if (meta.namespace !== undefined && typeof meta.namespace !== "string") {
      sink.errors.push({
        ...where,
        field: formatFieldPath([...path, "metadata", "namespace"]),
        message: "not a string",
      });
      return;
    }
    namespace = (meta.namespace as string | undefined) || options.defaultNamespace;
  }
  sink.objects.push({
    apiVersion,
    kind,
    group,
    version,
    name: meta.name,
    namespace,
    body: obj,
    pos: where,
    file: ctx.file,
    docStart: ctx.start,
    docEnd: ctx.end,
    pathInDoc: path,
  });
}

function firstLine(message: string): string {
  const nl = message.indexOf("\n");
  return nl === -1 ? message : message.slice(0, nl);
}
