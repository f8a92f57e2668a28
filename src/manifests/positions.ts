import { isMap, isSeq, type Node, parseDocument } from "yaml";
import type { FieldPath, ManifestObject, SourcePos } from "./types.js";

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
 * Position of a field of an object, found by parsing its document again. Falls back to the
 * deepest ancestor that exists (a missing field is reported where it should have been).
 */
export function locateField(obj: ManifestObject, path: FieldPath): SourcePos {
  const text = obj.file.text;
  const docText = text.slice(obj.docStart, obj.docEnd);
  const doc = parseDocument(docText, { keepSourceTokens: false, uniqueKeys: false });
  const offset = fieldOffset(doc.contents as Node | null, [...obj.pathInDoc, ...path]);
  return offsetToPos(obj.file.path, text, obj.docStart + offset);
}

/** Offset (within its document) of the key or item at `path`, or of its deepest existing ancestor. */
function fieldOffset(contents: Node | null, fullPath: FieldPath): number {
  let node: Node | null | undefined = contents;
  let keyOffset: number | undefined;
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
  return keyOffset ?? contents?.range?.[0] ?? 0;
}

/** Finds field positions for many objects: line starts are indexed once per file. */
export interface Locator {
  locate(obj: ManifestObject, path: FieldPath): SourcePos;
}

/**
 * A locator that keeps, for the files it has seen, the offsets where lines start (so a
 * position costs a binary search, not a scan of the file), and the last document it parsed
 * (findings usually come one resource at a time). Create one per run; nothing is global.
 */
export function createLocator(): Locator {
  const lineStarts = new Map<string, number[]>();
  let lastDoc: { text: string; start: number; doc: ReturnType<typeof parseDocument> } | undefined;
  const startsOf = (path: string, text: string): number[] => {
    let starts = lineStarts.get(path);
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
      lineStarts.set(path, starts);
    }
    return starts;
  };
  return {
    locate(obj, path) {
      const text = obj.file.text;
      if (!lastDoc || lastDoc.text !== text || lastDoc.start !== obj.docStart) {
        const doc = parseDocument(text.slice(obj.docStart, obj.docEnd), {
          keepSourceTokens: false,
          uniqueKeys: false,
        });
        lastDoc = { text, start: obj.docStart, doc };
      }
      const offset =
        obj.docStart + fieldOffset(lastDoc.doc.contents as Node | null, [...obj.pathInDoc, ...path]);
      const starts = startsOf(obj.file.path, text);
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] as number) <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { file: obj.file.path, line: lo + 1, column: offset - (starts[lo] as number) + 1 };
    },
  };
}
