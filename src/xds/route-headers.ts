import type { JsonObject } from "../envoy/types.js";
import type { Headers } from "../mesh/istio-types.js";
import type { VersionProfile } from "../profiles/profiles.js";

/**
 * VirtualService header operations → Envoy header lists (route/route.go
 * TranslateHeadersOperations): set-list then add-list, each sorted by key; pseudo-headers
 * and host are dropped, but an :authority/host value becomes the host rewrite.
 */

export interface HeaderOps {
  readonly requestHeadersToAdd: JsonObject[];
  readonly responseHeadersToAdd: JsonObject[];
  readonly requestHeadersToRemove: string[];
  readonly responseHeadersToRemove: string[];
  /** From request set (preferred) or add of :authority/host. */
  readonly authority: string;
}

const isInternalHeader = (k: string) => k.startsWith(":") || k.toLowerCase() === "host";
const isAuthorityHeader = (k: string) => k.toLowerCase() === ":authority" || k.toLowerCase() === "host";

/** HeaderValueOption: header(1), then append (2, ≤1.17) or append_action (3, ≥1.18). */
function appendHeaders(
  headers: Readonly<Record<string, string>> | undefined,
  append: boolean,
  profile: VersionProfile,
): { list: JsonObject[]; authority: string } {
  let authority = "";
  const list: JsonObject[] = [];
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (isAuthorityHeader(key)) authority = value;
    if (isInternalHeader(key)) continue;
    const opt: JsonObject = { header: { key, value } };
    if (profile.headerAppendBool) opt.append = append;
    // APPEND_IF_EXISTS_OR_ADD is the enum's zero value, which Envoy does not print.
    else if (!append) opt.append_action = "OVERWRITE_IF_EXISTS_OR_ADD";
    list.push(opt);
  }
  list.sort((a, b) => {
    const ka = (a.header as JsonObject).key as string;
    const kb = (b.header as JsonObject).key as string;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return { list, authority };
}

export function headerOperations(h: Headers, profile: VersionProfile): HeaderOps {
  const reqSet = appendHeaders(h.request?.set, false, profile);
  const reqAdd = appendHeaders(h.request?.add, true, profile);
  const respSet = appendHeaders(h.response?.set, false, profile);
  const respAdd = appendHeaders(h.response?.add, true, profile);
  return {
    requestHeadersToAdd: [...reqSet.list, ...reqAdd.list],
    responseHeadersToAdd: [...respSet.list, ...respAdd.list],
    requestHeadersToRemove: (h.request?.remove ?? []).filter((k) => !isInternalHeader(k)),
    responseHeadersToRemove: (h.response?.remove ?? []).filter((k) => !isInternalHeader(k)),
    authority: reqSet.authority || reqAdd.authority,
  };
}
