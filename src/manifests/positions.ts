import { type Document, isMap, isSeq, type Node, parseDocument } from "yaml";
import type { FieldPath, ManifestObject, SourceFile, SourcePos } from "./types.js";

/** 1-based line and column of a character offset in text. Linear, used only on demand. */
export function offsetToPos(file: string, text: string, offset: number): SourcePos {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { file, line, column: offset - lineStart + 1 };
}

/**
 * What finding positions in one file needs, kept while the file is: the offsets where its
 * lines start (so a position costs a binary search, not a scan of the text before it), and
 * the document parsed last. Positions are asked for object after object, so a document —
 * even a `kind: List` of 20,000 items, which is one document — is parsed once, not once per
 * finding (which made 500 findings in one List take minutes).
 */
interface FileIndex {
  lineStarts?: number[];
  docStart: number;
  doc?: Document.Parsed;
}

const indexes = new WeakMap<SourceFile, FileIndex>();

function indexOf(file: SourceFile): FileIndex {
  let index = indexes.get(file);
  if (!index) {
    index = { docStart: -1 };
    indexes.set(file, index);
  }
  return index;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** offsetToPos through the file's line index. */
function positionIn(file: SourceFile, index: FileIndex, offset: number): SourcePos {
  if (!index.lineStarts) index.lineStarts = lineStartsOf(file.text);
  const starts = index.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { file: file.path, line: lo + 1, column: offset - (starts[lo] as number) + 1 };
}

function documentOf(obj: ManifestObject, index: FileIndex): Document.Parsed {
  if (index.doc && index.docStart === obj.docStart) return index.doc;
  const docText = obj.file.text.slice(obj.docStart, obj.docEnd);
  index.doc = parseDocument(docText, { keepSourceTokens: false, uniqueKeys: false });
  index.docStart = obj.docStart;
  return index.doc;
}

/**
 * Position of a field of an object, found by parsing its document again. Falls back to the
 * deepest ancestor that exists (a missing field is reported where it should have been).
 */
export function locateField(obj: ManifestObject, path: FieldPath): SourcePos {
  const index = indexOf(obj.file);
  const doc = documentOf(obj, index);
  let node: Node | null | undefined = doc.contents as Node | null;
  let keyOffset: number | undefined;
  const fullPath = [...obj.pathInDoc, ...path];
  for (const part of fullPath) {
    if (isMap(node)) {
      const pair = node.items.find((p) => {
        const k = p.key as { value?: unknown } | null;
        return k !== null && typeof k === "object" && String(k.value) === String(part);
      });
      if (!pair) break;
      const key = pair.key as Node;
      keyOffset = key.range?.[0];
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof part === "number") {
      const item = node.items[part] as Node | undefined;
      if (!item) break;
      keyOffset = item.range?.[0];
      node = item;
    } else {
      break;
    }
  }
  const offset = keyOffset ?? (doc.contents as Node | null)?.range?.[0] ?? 0;
  return positionIn(obj.file, index, obj.docStart + offset);
}
