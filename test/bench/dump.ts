import type { Io } from "../../src/cli/io.js";
import { loadManifests } from "../../src/cli/manifest-source.js";
import { chooseProfile } from "../../src/cli/version-choice.js";
import type { ConfigDump, JsonObject } from "../../src/envoy/types.js";
import { translate } from "../../src/xds/translate.js";

/**
 * The corpus's config dump, as the gateway's Envoy would print it after istiod pushed the
 * simulated configuration: gwctl's own translation, dressed the way a live dump is (every
 * dynamic resource carries `version_info` and `last_updated`). And a changed copy of it, with
 * a known amount of drift, for `gwctl diff`.
 */

export interface Simulation {
  readonly dump: ConfigDump;
  /** What gwctl said on stderr while loading and translating (errors, warnings, notes). */
  readonly stderr: string;
  readonly errors: number;
}

/** Load a corpus folder the way `gwctl proxy-config -f DIR` does, and translate it. */
export function simulateCorpus(dir: string): Simulation {
  let stderr = "";
  let errors = 0;
  const sink = {
    write: (s: string) => {
      stderr += s;
      return true;
    },
  };
  const io: Io = {
    stdout: { write: () => true },
    stderr: sink,
    env: {},
    readStdin: () => "",
    now: () => new Date("2026-01-01T00:00:00Z"),
  };
  const line = (prefix: string) => (m: string) => {
    if (prefix === "error") errors++;
    sink.write(`${prefix}: ${m}\n`);
  };
  const d = { error: line("error"), warn: line("warning"), note: line("note") };
  const loaded = loadManifests(io, d, {
    paths: [dir],
    namespace: "default",
    domainSuffix: "cluster.local",
    workload: undefined,
  });
  const choice = chooseProfile(undefined, loaded.proxy.imageVersion);
  const result = translate({ mesh: loaded.mesh, proxy: loaded.proxy, profile: choice.profile });
  for (const n of result.notes) d[n.level === "warning" ? "warn" : "note"](`istiod: ${n.message}`);
  return { dump: result.dump, stderr, errors: errors + (loaded.hadErrors ? 1 : 0) };
}

const PUSHED = "2026-01-15T09:30:00Z";

/** What a live Envoy adds to each dynamic resource: the push's version and when it arrived. */
function live(wrapper: JsonObject, resourceKey: string, version: string, updated: string): JsonObject {
  const out: JsonObject = {};
  if (wrapper.name !== undefined) out.name = wrapper.name;
  out.version_info = version;
  out[resourceKey] = wrapper[resourceKey] as JsonObject;
  out.last_updated = updated;
  return out;
}

/** The dump with live-dump wrappers, for one push (`push` numbers the istiod push). */
export function asLiveDump(dump: ConfigDump, push: number): ConfigDump {
  const version = `${PUSHED}/${push}`;
  const updated = `2026-01-15T09:30:${String(push % 60).padStart(2, "0")}.${String(push).padStart(3, "0")}Z`;
  const dynamic: Record<string, string> = {
    dynamic_active_clusters: "cluster",
    dynamic_endpoint_configs: "endpoint_config",
    dynamic_route_configs: "route_config",
    dynamic_active_secrets: "secret",
  };
  return {
    configs: dump.configs.map((section) => {
      const out: JsonObject = { ...section };
      for (const [field, key] of Object.entries(dynamic)) {
        const list = section[field];
        if (Array.isArray(list))
          out[field] = (list as JsonObject[]).map((w) => live(w, key, version, updated));
      }
      const listeners = section.dynamic_listeners;
      if (Array.isArray(listeners)) {
        out.dynamic_listeners = (listeners as JsonObject[]).map((w) => ({
          name: w.name as string,
          active_state: live(w.active_state as JsonObject, "listener", version, updated),
        }));
      }
      return out;
    }),
  };
}

export interface Drift {
  clustersRemoved: number;
  clustersChanged: number;
  endpointsRemoved: number;
  routesChanged: number;
  secretsChanged: number;
  listenersChanged: number;
}

function dynamicList(dump: ConfigDump, field: string): JsonObject[] {
  for (const s of dump.configs) if (Array.isArray(s[field])) return s[field] as JsonObject[];
  return [];
}

function setDynamicList(dump: ConfigDump, field: string, list: JsonObject[]): void {
  for (const s of dump.configs) if (Array.isArray(s[field])) s[field] = list;
}

/**
 * The dump after a later push that changed about one resource in a hundred: clusters removed
 * and re-tuned, endpoints gone, route weights and timeouts moved, a certificate rotated, a
 * filter chain dropped; every version_info and last_updated differs too, as after any push.
 * Changes the dump in place and says what changed.
 */
export function driftedDump(source: ConfigDump): { dump: ConfigDump; drift: Drift } {
  const dump = asLiveDump(structuredClone(source), 43);
  const drift: Drift = {
    clustersRemoved: 0,
    clustersChanged: 0,
    endpointsRemoved: 0,
    routesChanged: 0,
    secretsChanged: 0,
    listenersChanged: 0,
  };
  const removed = new Set<string>();
  const clusters = dynamicList(dump, "dynamic_active_clusters").filter((w, i) => {
    const c = w.cluster as JsonObject;
    if (i % 97 === 50) {
      removed.add(c.name as string);
      drift.clustersRemoved++;
      return false;
    }
    if (i % 50 === 7) {
      c.connect_timeout = "5s";
      drift.clustersChanged++;
    }
    return true;
  });
  setDynamicList(dump, "dynamic_active_clusters", clusters);
  const assignments = dynamicList(dump, "dynamic_endpoint_configs").filter((w, i) => {
    const e = w.endpoint_config as JsonObject;
    if (removed.has(e.cluster_name as string)) return false;
    const groups = e.endpoints as JsonObject[] | undefined;
    const lbs = groups?.[0]?.lb_endpoints as JsonObject[] | undefined;
    if (i % 100 === 13 && lbs && lbs.length > 1) {
      lbs.pop();
      drift.endpointsRemoved++;
    }
    return true;
  });
  setDynamicList(dump, "dynamic_endpoint_configs", assignments);
  let vhostIndex = 0;
  for (const w of dynamicList(dump, "dynamic_route_configs")) {
    for (const vh of ((w.route_config as JsonObject).virtual_hosts as JsonObject[] | undefined) ?? []) {
      if (vhostIndex++ % 100 !== 31) continue;
      const route = ((vh.routes as JsonObject[] | undefined) ?? []).find((r) => r.route !== undefined);
      const action = route?.route as JsonObject | undefined;
      if (!action) continue;
      const weighted = action.weighted_clusters as JsonObject | undefined;
      const targets = weighted?.clusters as JsonObject[] | undefined;
      if (targets && targets.length === 2) {
        (targets[0] as JsonObject).weight = 50;
        (targets[1] as JsonObject).weight = 50;
      } else {
        action.timeout = "42s";
      }
      drift.routesChanged++;
    }
  }
  dynamicList(dump, "dynamic_active_secrets").forEach((w, i) => {
    if (i % 10 !== 3) return;
    const tls = (w.secret as JsonObject).tls_certificate as JsonObject | undefined;
    const chain = tls?.certificate_chain as JsonObject | undefined;
    if (!chain) return;
    chain.inline_bytes = Buffer.from(`rotated ${i}`).toString("base64");
    drift.secretsChanged++;
  });
  for (const w of dynamicList(dump, "dynamic_listeners")) {
    const l = (w.active_state as JsonObject).listener as JsonObject;
    const chains = l.filter_chains as JsonObject[];
    if (chains.length > 4) {
      l.filter_chains = chains.filter((_, i) => i % 10 !== 5);
      drift.listenersChanged++;
    }
  }
  return { dump, drift };
}
