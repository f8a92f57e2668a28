import assert from "node:assert/strict";
import { join } from "node:path";
import { listeners, routeConfigs } from "../../src/envoy/configdump.js";
import type { JsonObject } from "../../src/envoy/types.js";
import type { ServerTLSSettings } from "../../src/mesh/istio-types.js";
import { DEFAULT_MESH_CONFIG } from "../../src/mesh/operator.js";
import { newestLine, oldestLine, supportedLines } from "../../src/profiles/profiles.js";
import { mergeGateways } from "../../src/xds/gateways.js";
import { downstreamTlsContext } from "../../src/xds/tls-context.js";
import { loadMesh, readYaml, runHarness, SIM_CASES } from "../helpers/sim-harness.js";
import { type Call, type Result, runCall } from "../helpers/sim-walker.js";
import { profile } from "../helpers/walkthrough.js";

/**
 * Every scenario and call of shared/reference/istio-simulation-cases.md §B, run under that
 * document's harness rules (§A.1) on every line from the oldest that has the scenario.
 * Cases that cannot be reproduced are listed in docs/conformance.md, not skipped here.
 */

interface Expect extends Result {
  readonly strict?: boolean;
}

interface Scenario {
  readonly id: string;
  readonly since: string;
  readonly calls: { id: string; call: Call; expect: Expect }[];
  readonly chains?: { listener: string; serverNames: string[][] };
  readonly sds?: { listener: string; name: string; cluster: string };
}

const FIELDS: (keyof Result)[] = [
  "error",
  "listener",
  "filterChain",
  "routeConfig",
  "vhost",
  "route",
  "cluster",
];

/**
 * Every line from the scenario's `since` to the newest. Upstream carries the expectations at
 * `since` and at the newest tag; the lines between are run as a regression check.
 */
function linesFor(since: string): string[] {
  const minor = (l: string) => Number(l.split(".")[1]);
  const first = Math.max(minor(since), minor(oldestLine()));
  return supportedLines().filter((l) => minor(l) >= first);
}

const scenarios = readYaml<Scenario[]>(SIM_CASES, "cases.yaml");

describe("istio gateway simulation cases", () => {
  for (const sc of scenarios) {
    for (const line of linesFor(sc.since)) {
      describe(`${sc.id} on ${line}`, () => {
        const run = () => runHarness([join(SIM_CASES, sc.id)], line);
        for (const c of sc.calls) {
          it(`${c.id}: ${JSON.stringify(c.call)}`, () => {
            const got = runCall(run().dump, c.call);
            const { strict, ...want } = c.expect;
            if (strict) {
              const full: Result = {};
              for (const f of FIELDS) if (want[f] !== undefined) full[f] = want[f];
              assert.deepEqual(got, full);
            } else {
              assert.equal(got.error, want.error, `error (got ${JSON.stringify(got)})`);
              for (const f of FIELDS) if (want[f] !== undefined) assert.equal(got[f], want[f], f);
            }
          });
        }
        if (sc.chains) {
          const spec = sc.chains;
          it(`listener ${spec.listener} has SNI chains ${JSON.stringify(spec.serverNames)}`, () => {
            const l = listeners(run().dump).find((x) => x.resource.name === spec.listener);
            assert.ok(l, spec.listener);
            const names = (l.resource.filter_chains as JsonObject[]).map(
              (fc) => ((fc.filter_chain_match as JsonObject | undefined)?.server_names as string[]) ?? [],
            );
            assert.deepEqual(names, spec.serverNames);
          });
        }
        if (sc.sds) {
          const spec = sc.sds;
          it(`listener ${spec.listener} fetches ${spec.name} from ${spec.cluster}`, () => {
            const l = listeners(run().dump).find((x) => x.resource.name === spec.listener);
            assert.ok(l, spec.listener);
            const chain = (l.resource.filter_chains as JsonObject[])[0] as JsonObject;
            const socket = chain.transport_socket as JsonObject | undefined;
            assert.ok(socket, "TLS transport socket");
            const common = (socket.typed_config as JsonObject).common_tls_context as JsonObject;
            const sds = (common.tls_certificate_sds_secret_configs as JsonObject[])[0] as JsonObject;
            assert.equal(sds.name, spec.name);
            const source = (sds.sds_config as JsonObject).api_config_source as JsonObject;
            const grpc = (source.grpc_services as JsonObject[])[0] as JsonObject;
            assert.equal((grpc.envoy_grpc as JsonObject).cluster_name, spec.cluster);
          });
        }
      });
    }
  }
});

/* ---- §C: supplementary unit expectations (gateway_test.go, model/gateway_test.go) ---- */

interface VhostExpect {
  readonly name: string;
  readonly domains: string[];
  readonly routes: number;
  readonly tls: boolean;
}

describe("istio gateway unit cases §C.1: route configurations (TestGatewayHTTPRouteConfig)", () => {
  const dir = join(SIM_CASES, "C1");
  const cases = readYaml<
    { case: string; gateways: string[]; vs: string[]; rds: string; vhosts: VhostExpect[] }[]
  >(dir, "cases.yaml");
  for (const c of cases) {
    it(`${c.case} → ${c.rds}`, () => {
      const files = [...c.gateways, ...c.vs, "svc"].map((f) => join(dir, `${f}.yaml`));
      const { dump } = runHarness(files, newestLine());
      const rc = routeConfigs(dump).find((r) => r.status === "active" && r.resource.name === c.rds)?.resource;
      assert.ok(rc, `route config ${c.rds}`);
      const got = ((rc.virtual_hosts as JsonObject[]) ?? []).map((v) => ({
        name: v.name,
        domains: v.domains,
        routes: ((v.routes as JsonObject[] | undefined) ?? []).length,
        tls: v.require_tls === "ALL",
      }));
      assert.deepEqual(got, c.vhosts);
      assert.equal(rc.max_direct_response_body_size_bytes, 1048576);
      for (const v of rc.virtual_hosts as JsonObject[])
        assert.equal(
          v.include_request_attempt_count,
          String(v.name).startsWith("blackhole:") ? undefined : true,
        );
    });
  }
});

describe("istio gateway unit cases §C.2: merged servers (TestMergeGateways)", () => {
  const dir = join(SIM_CASES, "C2");
  const cases = readYaml<
    {
      case: string;
      since?: string;
      gateways: string[];
      mergedServers: number;
      servers: number;
      routes: Record<string, number>;
    }[]
  >(dir, "cases.yaml");
  for (const line of [oldestLine(), newestLine()]) {
    for (const c of cases) {
      if (c.since && Number(line.split(".")[1]) < Number(c.since.split(".")[1])) continue;
      it(`${c.case} on ${line}`, () => {
        const mesh = loadMesh(c.gateways.map((g) => join(dir, `${g}.yaml`)));
        // The test calls mergeGateways with the gateways in the given order, without service targets.
        const bindings = c.gateways.map((name) => {
          const gateway = mesh.gateways.find((g) => g.meta.name === name);
          assert.ok(gateway, name);
          return { gateway, legacySelector: true, targets: [] };
        });
        const merged = mergeGateways(bindings, profile(line), []);
        assert.equal(merged.mergedServers.size, c.mergedServers, "merged server ports");
        const kept = [...merged.mergedServers.values()].reduce((n, ms) => n + ms.servers.length, 0);
        assert.equal(kept, c.servers, "servers kept");
        const routes: Record<string, number> = {};
        for (const [name, servers] of merged.serversByRouteName) routes[name] = servers.length;
        assert.deepEqual(routes, c.routes);
      });
    }
  }
});

describe("istio gateway unit cases §C.3: listener names (TestBuildGatewayListeners)", () => {
  const dir = join(SIM_CASES, "C3");
  const cases = readYaml<{ case: string; dir: string; unprivileged?: boolean; listeners: string[] }[]>(
    dir,
    "cases.yaml",
  );
  for (const line of [oldestLine(), newestLine()]) {
    for (const c of cases) {
      it(`${c.case} on ${line}`, () => {
        const { dump } = runHarness([join(dir, c.dir)], line, { unprivileged: c.unprivileged === true });
        const names = listeners(dump)
          .filter((l) => l.status === "active")
          .map((l) => String(l.resource.name))
          .sort();
        assert.deepEqual(names, c.listeners);
      });
    }
  }
});

describe("istio gateway unit cases §C.4: downstream TLS contexts (TestBuildGatewayListenerTlsContext)", () => {
  const dir = join(SIM_CASES, "C4");
  const cases = readYaml<
    {
      case: string;
      tls: ServerTLSSettings;
      none?: boolean;
      alpn?: string[];
      certs?: string[];
      ca?: string | null;
      sans?: string[];
      require?: boolean;
    }[]
  >(dir, "cases.yaml");
  for (const c of cases) {
    it(c.case, () => {
      const credentials = {
        profile: profile(newestLine()),
        meshConfig: DEFAULT_MESH_CONFIG,
        lookupCluster: () => undefined,
      };
      const ctx = downstreamTlsContext(c.tls, false, credentials);
      if (c.none) {
        assert.equal(ctx, undefined);
        return;
      }
      assert.ok(ctx);
      const common = ctx.common_tls_context as JsonObject;
      assert.deepEqual(common.alpn_protocols, c.alpn);
      assert.deepEqual(
        (common.tls_certificate_sds_secret_configs as JsonObject[]).map((s) => s.name),
        c.certs,
      );
      const combined = common.combined_validation_context as JsonObject | undefined;
      assert.equal(
        (combined?.validation_context_sds_secret_config as JsonObject | undefined)?.name ?? null,
        c.ca,
      );
      const validation = (combined?.default_validation_context ?? common.validation_context) as
        | JsonObject
        | undefined;
      const sans = ((validation?.match_subject_alt_names as JsonObject[] | undefined) ?? []).map(
        (m) => m.exact,
      );
      assert.deepEqual(sans, c.sans ?? []);
      assert.equal(ctx.require_client_certificate, c.require);
    });
  }
});
