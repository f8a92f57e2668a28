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
  return offsetToPos(obj.file.path, text, obj.docStart + offset);
}
