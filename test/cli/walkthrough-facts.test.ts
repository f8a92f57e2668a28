import assert from "node:assert/strict";
import { run } from "../helpers/cli.js";
import { step } from "../helpers/walkthrough.js";

/**
 * The facts of shared/seed/README.md (steps 04–10), asserted on what `gwctl
 * proxy-config` prints, in the walkthrough's Istio 1.17 layout and in the newest one.
 */

const LAYOUTS = [
  {
    name: "1.17",
    args: ["--istio-version", "1.17"],
    addressHeader: "ADDRESS",
    vhostColumn: false,
    serial: "1049106",
  },
  {
    name: "newest",
    args: [],
    addressHeader: "ADDRESSES",
    vhostColumn: true,
    serial: "00000000000000000000000000100212",
  },
] as const;

async function pc(view: string, stepName: string, extra: readonly string[]): Promise<string> {
  const r = await run(["proxy-config", view, "-f", step(stepName), ...extra]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

/** Rows as arrays of cells (columns padded by at least two spaces; listener tables by one). */
function rows(table: string, sep = /\s{2,}/): string[][] {
  return table
    .trimEnd()
    .split("\n")
    .map((l) => l.trim().split(sep));
}

function hasRow(table: string, want: readonly string[], sep?: RegExp): void {
  const found = rows(table, sep).some((r) => want.every((w, i) => r[i] === w));
  assert.ok(found, `no row starting ${JSON.stringify(want)} in:\n${table}`);
}

const LISTENER_SEP = /\s+(?=\S)/;

function listenerRow(table: string, port: string, match: string, destination: string): void {
  const line = table.split("\n").find((l) => {
    const cells = l.trim().split(/\s+/);
    return (
      cells[0] === "0.0.0.0" && cells[1] === port && l.includes(match) && l.trimEnd().endsWith(destination)
    );
  });
  assert.ok(line, `no listener row ${port} ${match} ${destination} in:\n${table}`);
}

for (const layout of LAYOUTS) {
  describe(`walkthrough facts (${layout.name} layout)`, () => {
    it("04: secret row, and the 8443 chain for SNI webapp.istioinaction.io", async () => {
      const secrets = await pc("secrets", "04-tls-simple", layout.args);
      hasRow(secrets, [
        "kubernetes://webapp-credential",
        "Cert Chain",
        "ACTIVE",
        "true",
        layout.serial,
        "2041-06-29T12:49:32Z",
        "2021-07-04T12:49:32Z",
      ]);
      const listeners = await pc("listeners", "04-tls-simple", layout.args);
      assert.equal(listeners.split("\n")[0]?.split(/\s+/)[0], layout.addressHeader);
      listenerRow(
        listeners,
        "8443",
        "SNI: webapp.istioinaction.io",
        "Route: https.443.https.coolstore-gateway.istioinaction",
      );
      listenerRow(listeners, "8080", "ALL", "Route: http.8080");
    });

    it("05: one 8443 listener with two SNI chains, each with its route config", async () => {
      const listeners = await pc("listeners", "05-tls-multi-host", layout.args);
      listenerRow(
        listeners,
        "8443",
        "SNI: webapp.istioinaction.io",
        "Route: https.443.https-webapp.coolstore-gateway.istioinaction",
      );
      listenerRow(
        listeners,
        "8443",
        "SNI: catalog.istioinaction.io",
        "Route: https.443.https-catalog.coolstore-gateway.istioinaction",
      );
      const routes = await pc("routes", "05-tls-multi-host", layout.args);
      const catalogRow = layout.vhostColumn
        ? [
            "https.443.https-catalog.coolstore-gateway.istioinaction",
            "catalog.istioinaction.io:443",
            "catalog.istioinaction.io",
            "/*",
            "catalog-vs-from-gw.istioinaction",
          ]
        : [
            "https.443.https-catalog.coolstore-gateway.istioinaction",
            "catalog.istioinaction.io",
            "/*",
            "catalog-vs-from-gw.istioinaction",
          ];
      hasRow(routes, catalogRow);
      const secrets = await pc("secrets", "05-tls-multi-host", layout.args);
      hasRow(secrets, ["kubernetes://catalog-credential", "Cert Chain", "ACTIVE", "true"]);
      hasRow(secrets, ["kubernetes://webapp-credential", "Cert Chain", "ACTIVE", "true"]);
    });

    it("06: the HTTP vhost requires TLS", async () => {
      const json = JSON.parse(
        await pc("routes", "06-https-redirect", [...layout.args, "--name", "http.8080", "-o", "json"]),
      );
      assert.equal(json[0].virtualHosts[0].name, "webapp.istioinaction.io:80");
      assert.equal(json[0].virtualHosts[0].requireTls, "ALL");
    });

    it("07: a Cert Chain and a CA secret; the chain requires a client certificate", async () => {
      const secrets = await pc("secrets", "07-mtls", layout.args);
      hasRow(secrets, ["kubernetes://webapp-credential-mtls", "Cert Chain", "ACTIVE", "true"]);
      hasRow(secrets, ["kubernetes://webapp-credential-mtls-cacert", "CA", "ACTIVE", "true"]);
      const json = JSON.parse(
        await pc("listeners", "07-mtls", [...layout.args, "--port", "8443", "-o", "json"]),
      );
      assert.equal(json[0].filterChains[0].transportSocket.typedConfig.requireClientCertificate, true);
    });

    it("08: the 31400 listener sends TCP to the echo service", async () => {
      const listeners = await pc("listeners", "08-tcp", layout.args);
      listenerRow(
        listeners,
        "31400",
        "ALL",
        "Cluster: outbound|2701||tcp-echo-service.istioinaction.svc.cluster.local",
      );
      const clusters = await pc("clusters", "08-tcp", layout.args);
      hasRow(clusters, ["tcp-echo-service.istioinaction.svc.cluster.local", "2701", "-", "outbound", "EDS"]);
    });

    it("09: my-user-gateway (from the IstioOperator) serves 30007 on 31400; the default gateway only echo-tcp-gateway", async () => {
      const mine = await run([
        "proxy-config",
        "listeners",
        "my-user-gateway.istioinaction",
        "-f",
        step("09-my-user-gateway"),
        ...layout.args,
      ]);
      assert.equal(mine.code, 0, mine.stderr);
      assert.match(
        mine.stderr,
        /gateway workload: ingress gateway "my-user-gateway" of IstioOperator istioinaction\/my-user-gateway-install/,
      );
      listenerRow(
        mine.stdout,
        "31400",
        "ALL",
        "Cluster: outbound|2701||tcp-echo-service.istioinaction.svc.cluster.local",
      );
      const def = await pc("listeners", "09-my-user-gateway", layout.args);
      const ports = rows(def, LISTENER_SEP)
        .slice(1)
        .map((r) => r[1]);
      assert.deepEqual(ports, ["15021", "15090", "31400"]);
    });

    it("10: every HTTP connection manager logs to /dev/stdout", async () => {
      const json = JSON.parse(await pc("listeners", "10-access-log", [...layout.args, "-o", "json"]));
      let managers = 0;
      for (const l of json) {
        if (!l.name) continue; // the static listeners come from the bootstrap, not from istiod
        for (const chain of l.filterChains) {
          for (const f of chain.filters) {
            if (f.name !== "envoy.filters.network.http_connection_manager") continue;
            managers++;
            assert.equal(f.typedConfig.accessLog[0].typedConfig.path, "/dev/stdout");
          }
        }
      }
      assert.equal(managers, 2, "8080 and 8443");
    });
  });
}
