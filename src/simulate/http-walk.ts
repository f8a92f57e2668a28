import { routeConfigs } from "../envoy/configdump.js";
import { istioConfigOf, parseHttpsRouteName } from "../envoy/istio-names.js";
import { objectList } from "../envoy/lists.js";
import { type ConfigDump, isJsonObject, type JsonObject } from "../envoy/types.js";
import { routeAction, sslRedirectLocation } from "./action.js";
import { allDomains } from "./domains.js";
import { mergeSlashes, pathOnly, queryTail, removeDotSegments } from "./paths.js";
import type { HttpPart } from "./request.js";
import type { Outcome } from "./result.js";
import { describePathMatch } from "./route-match.js";
import { describeMiss, routeRequest, routesOf, routingHeaders } from "./router.js";
import { failed, hop, type Trace } from "./trace.js";
import { walkUpstreams } from "./upstream-walk.js";

/**
 * The HTTP half of a walk: connection manager → route configuration → virtual host → route
 * → action, then the upstream. What Envoy does for one request on an HTTP chain.
 */

export interface HttpWalkInput {
  readonly dump: ConfigDump;
  readonly hcm: JsonObject;
  readonly http: HttpPart;
  readonly tls: boolean;
  readonly http2: boolean;
  readonly clientCertificate?: { readonly presented: boolean; readonly validated: boolean };
  readonly randomValue: number;
  readonly podsByIp: ReadonlyMap<string, string>;
  /** The Gateway server behind the filter chain, when known. */
  readonly server?: string;
}

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export function statusLine(status: number): string {
  return `${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ""}`;
}

function findRouteConfig(dump: ConfigDump, hcm: JsonObject): { config?: JsonObject; name: string } {
  if (isJsonObject(hcm.route_config))
    return { config: hcm.route_config, name: String(hcm.route_config.name ?? "(inline)") };
  const rds = isJsonObject(hcm.rds) ? hcm.rds : {};
  const name = String(rds.route_config_name ?? "");
  const found = routeConfigs(dump).find((r) => r.resource.name === name);
  return found ? { config: found.resource, name } : { name };
}

/** The path the router sees: normalize_path and merge_slashes apply to the path part only. */
function routerPath(hcm: JsonObject, path: string): string {
  let p = pathOnly(path);
  if (hcm.normalize_path === true) p = removeDotSegments(p);
  if (hcm.merge_slashes === true) p = mergeSlashes(p);
  return p + queryTail(path);
}

function routeSource(route: JsonObject): string | undefined {
  const c = istioConfigOf(route.metadata);
  if (!c) return undefined;
  const kind = c.kind === "virtual-service" ? "VirtualService" : c.kind;
  return `${kind} ${c.namespace}/${c.name}`;
}

function vhostSources(vhost: JsonObject): string | undefined {
  const routes = objectList(vhost.routes);
  const names = [...new Set(routes.map(routeSource).filter((s): s is string => s !== undefined))];
  return names.length > 0 ? names.join(", ") : undefined;
}

/** A fault filter that aborts every request on this route, if there is one. */
function abortStatus(route: JsonObject): { status: number; percent: number } | undefined {
  const per = isJsonObject(route.typed_per_filter_config) ? route.typed_per_filter_config : {};
  const fault = per["envoy.filters.http.fault"];
  if (!isJsonObject(fault) || !isJsonObject(fault.abort)) return undefined;
  const status = Number(fault.abort.http_status ?? 0);
  if (!status) return undefined;
  const pct = isJsonObject(fault.abort.percentage) ? fault.abort.percentage : {};
  const den = pct.denominator === "MILLION" ? 1_000_000 : pct.denominator === "TEN_THOUSAND" ? 10_000 : 100;
  return { status, percent: (Number(pct.numerator ?? 0) * 100) / den };
}

export function walkHttp(t: Trace, w: HttpWalkInput): Outcome {
  const scheme = w.tls ? "https" : "http";
  const path = routerPath(w.hcm, w.http.path);
  const rc = findRouteConfig(w.dump, w.hcm);
  hop(
    t,
    "connection-manager",
    String(w.hcm.stat_prefix ?? "http_connection_manager"),
    `${w.http2 ? "HTTP/2" : "HTTP/1.1"} ${w.http.method} ${path}, :authority ${w.http.authority}${path !== w.http.path ? ` (path normalised from ${w.http.path})` : ""}`,
  );
  if (!rc.config) {
    return failed(
      `404 Not Found: route configuration ${rc.name} is not in the dump (Envoy has not received it)`,
      {
        status: 404,
        client: "< HTTP/1.1 404 Not Found",
        fix: ["check that istiod pushed the routes: gwctl proxy-config routes"],
        istioError: "no route matched",
      },
    );
  }
  t.names.routeConfig = rc.name;
  const https = parseHttpsRouteName(rc.name);
  hop(
    t,
    "route-config",
    rc.name,
    `${allDomains(rc.config).length} domain${allDomains(rc.config).length === 1 ? "" : "s"} in ${Array.isArray(rc.config.virtual_hosts) ? rc.config.virtual_hosts.length : 0} virtual host(s)`,
    w.server ??
      (https
        ? `Gateway ${https.namespace}/${https.gateway} server ${https.portName} (port ${https.port})`
        : undefined),
  );

  const headers = routingHeaders(w.http.authority, path, w.http.method, scheme, w.http.headers);
  const view = { path, authority: w.http.authority, scheme, headers };
  const routed = routeRequest(rc.config, {
    path,
    headers,
    randomValue: w.randomValue,
    ...(w.clientCertificate && { tls: w.clientCertificate }),
  });
  for (const e of routed.errors) t.notes.push(`Envoy rejects route configuration ${rc.name}: ${e}`);
  const sel = routed.selection;
  if (!sel.match) {
    return failed(`404 Not Found: no virtual host in ${rc.name} serves the host ${sel.host}`, {
      status: 404,
      client: "< HTTP/1.1 404 Not Found",
      fix: [
        `call a host the route configuration serves: ${allDomains(rc.config).join(", ") || "(none)"}`,
        `or add ${sel.host} to the hosts of the Gateway server and of a VirtualService bound to it`,
      ],
      istioError: "no virtual host matched",
    });
  }
  const vhost = sel.match.vhost;
  const vhostName = String(vhost.name ?? "");
  t.names.virtualHost = vhostName;
  hop(
    t,
    "virtual-host",
    vhostName,
    `host ${sel.host} matches domain ${sel.match.domain} (${sel.match.kind})`,
    vhostSources(vhost),
  );

  if (routed.sslRedirect) {
    const location = sslRedirectLocation(view);
    hop(
      t,
      "action",
      vhostName,
      `require_tls ${String(vhost.require_tls)}: redirect to https`,
      `${w.server ?? "a Gateway server"} with tls.httpsRedirect: true`,
    );
    return {
      ok: true,
      kind: "redirect",
      status: 301,
      location,
      summary: `301 Moved Permanently to ${location}: the virtual host requires TLS (the Gateway server sets tls.httpsRedirect)`,
      client: `< HTTP/1.1 301 Moved Permanently\n< location: ${location}`,
      fix: [
        `the Location keeps the request's host and port (${w.http.authority}); curl -L follows it only if that port also serves TLS`,
        "call the https:// URL of the HTTPS server directly",
      ],
      istioError: "tls required, sending 301",
    };
  }

  const matched = routed.matched;
  if (!matched) {
    const none = routesOf(vhost).length === 0;
    return failed(
      none
        ? `404 Not Found: virtual host ${vhostName} has no routes (no VirtualService is bound to this host and Gateway)`
        : `404 Not Found: no route of ${vhostName} matches ${w.http.method} ${path}`,
      {
        status: 404,
        client: "< HTTP/1.1 404 Not Found",
        fix: none
          ? [
              `bind a VirtualService with host ${sel.host} to the Gateway (spec.gateways) and give it an http route`,
            ]
          : [
              ...routed.misses.slice(0, 8).map((m) => describeMiss(m, routeSource(m.route))),
              "change the request, or add a match for it to the VirtualService",
            ],
        istioError: "no route matched",
      },
    );
  }
  const route = matched.route;
  if (typeof route.name === "string") t.names.route = route.name;
  const match = isJsonObject(route.match) ? route.match : {};
  hop(
    t,
    "route",
    typeof route.name === "string" && route.name ? route.name : `#${matched.index}`,
    `${describePathMatch(match)}: ${matched.why}`,
    routeSource(route),
  );

  const abort = abortStatus(route);
  if (abort && abort.percent >= 100) {
    hop(
      t,
      "action",
      "envoy.filters.http.fault",
      `abort ${abort.status} for every request`,
      routeSource(route),
    );
    return {
      ok: abort.status < 400,
      kind: "direct-response",
      status: abort.status,
      summary: `${statusLine(abort.status)}: the VirtualService's fault injection aborts every request`,
      client: `< HTTP/1.1 ${statusLine(abort.status)}\nfault filter abort`,
      fix: ["remove or lower fault.abort in the VirtualService"],
    };
  }
  if (abort)
    t.notes.push(`fault injection aborts ${abort.percent}% of requests on this route with ${abort.status}`);

  const action = routeAction(route, view, w.randomValue);
  switch (action.kind) {
    case "invalid":
      return failed(`the route cannot be used: ${action.reason}`, { status: 503 });
    case "redirect":
      hop(t, "action", "redirect", `${action.status} to ${action.location}`, routeSource(route));
      return {
        ok: true,
        kind: "redirect",
        status: action.status,
        location: action.location,
        summary: `${statusLine(action.status)} to ${action.location} (the VirtualService's redirect)`,
        client: `< HTTP/1.1 ${statusLine(action.status)}\n< location: ${action.location}`,
      };
    case "direct-response": {
      hop(
        t,
        "action",
        "direct_response",
        `${action.status}${action.body ? ` with body ${JSON.stringify(action.body)}` : ""}`,
        routeSource(route),
      );
      const ok = action.status < 400;
      return {
        ok,
        kind: "direct-response",
        status: action.status,
        ...(action.body !== undefined && { body: action.body }),
        summary: `${statusLine(action.status)} answered by the gateway itself (the VirtualService's directResponse)`,
        client: `< HTTP/1.1 ${statusLine(action.status)}`,
        ...(!ok && { fix: ["change the VirtualService's directResponse, or route the request elsewhere"] }),
      };
    }
    case "route": {
      const detail = [
        action.weighted
          ? `weighted: ${action.weighted.map((p) => `${p.percent}% ${p.cluster}`).join(", ")}`
          : `cluster ${action.cluster}`,
        ...action.rewrites,
        ...(action.timeout !== undefined ? [`timeout ${action.timeout}`] : []),
      ].join("; ");
      hop(t, "action", "route", detail, routeSource(route));
      t.upstreamRequest = { authority: action.upstreamAuthority, path: action.upstreamPath };
      return walkUpstreams(
        t,
        { chosen: action.cluster, ...(action.weighted && { weighted: action.weighted }) },
        { dump: w.dump, podsByIp: w.podsByIp, protocol: "HTTP" },
      );
    }
  }
}
