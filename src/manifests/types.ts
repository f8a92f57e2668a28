/** Where something came from, as a user reads it: 1-based line and column. */
export interface SourcePos {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A file that was read, kept so that field positions can be found later on demand. */
export interface SourceFile {
  /** Path as the user gave it (or "<stdin>"). */
  readonly path: string;
  readonly text: string;
}

/** Path of a field inside an object, e.g. ["spec", "servers", 0, "port"]. */
export type FieldPath = readonly (string | number)[];

/**
 * One Kubernetes object from the input, with the place it was read from. `docStart` and
 * `docEnd` delimit its YAML document so that a field's position can be computed lazily
 * (see locate.ts) without keeping every parse tree in memory.
 */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  /** Group part of apiVersion ("" for core). */
  readonly group: string;
  /** Version part of apiVersion. */
  readonly version: string;
  readonly name: string;
  /** Namespace, defaulted from -n when the object has none and is namespaced. */
  readonly namespace: string;
  /** The whole object as plain data. */
  readonly body: Record<string, unknown>;
  readonly pos: SourcePos;
  readonly file: SourceFile;
  readonly docStart: number;
  readonly docEnd: number;
  /** Path of this object inside its document ([] or ["items", i] for a List). */
  readonly pathInDoc: FieldPath;
}

/** A problem with the input that a user can act on. Never thrown: collected and reported. */
export interface InputError {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** Dotted field path, when the problem is a field. */
  readonly field?: string;
  readonly message: string;
}

export interface LoadResult {
  readonly objects: ManifestObject[];
  /** Kinds gwctl does not use, with how many objects of each were skipped. */
  readonly skipped: ReadonlyMap<string, number>;
  readonly errors: InputError[];
  readonly files: SourceFile[];
}

export function formatFieldPath(path: FieldPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out;
}

export function formatInputError(e: InputError): string {
  const where = e.line === undefined ? e.file : `${e.file}:${e.line}${e.column ? `:${e.column}` : ""}`;
  return e.field ? `${where}: ${e.field}: ${e.message}` : `${where}: ${e.message}`;
}
