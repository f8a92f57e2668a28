import { objectList, stringList } from "../envoy/lists.js";
import { isJsonObject, type JsonObject } from "../envoy/types.js";
import type { Header } from "./matchers.js";

/**
 * Envoy's header mutations (router/header_parser.cc): a route configuration, virtual host or
 * route removes its `*_headers_to_remove`, then adds its `*_headers_to_add` with their append
 * action. Values are kept literally: `%…%` formatters depend on the connection.
 */

type Level = { readonly add: readonly JsonObject[]; readonly remove: readonly string[] };

export function mutationsOf(o: JsonObject, kind: "request" | "response"): Level {
  return { add: objectList(o[`${kind}_headers_to_add`]), remove: stringList(o[`${kind}_headers_to_remove`]) };
}

function appendAction(opt: JsonObject): string {
  if (typeof opt.append_action === "string") return opt.append_action;
  // The deprecated bool: append (the default) or overwrite.
  return opt.append === false ? "OVERWRITE_IF_EXISTS_OR_ADD" : "APPEND_IF_EXISTS_OR_ADD";
}

function applyLevel(headers: Header[], level: Level): Header[] {
  const removed = new Set(level.remove.map((n) => n.toLowerCase()));
  let out = headers.filter((h) => !removed.has(h.name));
  for (const opt of level.add) {
    const h = isJsonObject(opt.header) ? opt.header : {};
    const name = String(h.key ?? "").toLowerCase();
    const value = String(h.value ?? "");
    if (!name || (value === "" && opt.keep_empty_value !== true)) continue;
    const exists = out.some((x) => x.name === name);
    switch (appendAction(opt)) {
      case "ADD_IF_ABSENT":
        if (!exists) out.push({ name, value });
        break;
      case "OVERWRITE_IF_EXISTS":
        if (exists) out = [...out.filter((x) => x.name !== name), { name, value }];
        break;
      case "OVERWRITE_IF_EXISTS_OR_ADD":
        out = [...out.filter((x) => x.name !== name), { name, value }];
        break;
      default:
        out.push({ name, value });
    }
  }
  return out;
}

/**
 * Apply the mutations of a route, its virtual host and its route configuration, in Envoy's
 * default order (route first, so the route configuration's values win when they collide).
 */
export function applyHeaderMutations(headers: readonly Header[], levels: readonly Level[]): Header[] {
  return levels.reduce<Header[]>((acc, level) => applyLevel(acc, level), [...headers]);
}
