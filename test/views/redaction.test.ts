import { strict as assert } from "node:assert";
import type { ConfigDump } from "../../src/envoy/types.js";
import { type OutputFormat, renderEds, renderView, type ViewName } from "../../src/views/render.js";
import { OUTPUTS, profile, VIEWS } from "../helpers/fixtures.js";
import { step04Dump, WEBAPP_CERT_PEM, WEBAPP_KEY_PEM } from "../helpers/walkthrough-dumps.js";

/**
 * No output may carry private key material, whatever the dump holds: Envoy's own dumps say
 * "[redacted]", but a simulated or hand-edited one may hold the real key, in any spelling.
 */

const NOW = new Date("2030-01-01T00:00:00Z");
const EXTENSION_CONFIG = "type.googleapis.com/envoy.config.core.v3.TypedExtensionConfig";

/**
 * Overlapping 12-character windows of the key's DER body, its PEM text and its base64,
 * except those the certificate (which is printed) shares, such as base64 of "-----BEGIN".
 */
function keyFragments(): string[] {
  const cert = WEBAPP_CERT_PEM();
  const printed = `${cert}\n${Buffer.from(cert).toString("base64")}`;
  const pem = WEBAPP_KEY_PEM();
  const body = pem
    .split("\n")
    .filter((l) => l && !l.startsWith("-----"))
    .join("");
  const forms = [body, Buffer.from(pem).toString("base64"), ...pem.split("\n").filter((l) => l.length > 20)];
  const out = new Set<string>(["PRIVATE KEY"]);
  for (const f of forms) for (let i = 0; i + 12 <= f.length; i += 6) out.add(f.slice(i, i + 12));
  return [...out].filter((f) => !printed.includes(f));
}

/**
 * The key also sits in a listener's inline TLS context and a bootstrap cluster, camelCased,
 * and in ECDS filter configs (known and unknown types).
 */
function dumpWithKeysEverywhere(form: "inline_bytes" | "inline_string"): ReturnType<typeof step04Dump> {
  const dump = step04Dump(form);
  const pem = WEBAPP_KEY_PEM();
  const tls = {
    "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext",
    commonTlsContext: {
      tlsCertificates: [{ certificateChain: { inlineString: "CERT" }, privateKey: { inlineString: pem } }],
    },
  };
  dump.configs.push(
    {
      "@type": "type.googleapis.com/envoy.admin.v3.BootstrapConfigDump",
      bootstrap: {
        node: { id: "router~10.0.0.1~gw.istio-system~istio-system.svc.cluster.local" },
        staticResources: {
          clusters: [
            {
              name: "xds-grpc",
              transportSocket: { name: "envoy.transport_sockets.tls", typedConfig: { ...tls } },
            },
          ],
          secrets: [
            {
              name: "static",
              tlsCertificate: { privateKey: { filename: pem }, password: { inlineString: "hunter2" } },
            },
          ],
        },
      },
    },
    {
      "@type": "type.googleapis.com/envoy.admin.v3.ListenersConfigDump",
      dynamicListeners: [
        {
          name: "0.0.0.0_8443",
          activeState: {
            listener: {
              "@type": "type.googleapis.com/envoy.config.listener.v3.Listener",
              name: "0.0.0.0_8443",
              address: { socketAddress: { address: "0.0.0.0", portValue: 8443 } },
              filterChains: [{ transportSocket: { name: "envoy.transport_sockets.tls", typedConfig: tls } }],
            },
          },
        },
      ],
    },
    {
      "@type": "type.googleapis.com/envoy.admin.v3.ClustersConfigDump",
      static_clusters: [
        {
          cluster: {
            "@type": "type.googleapis.com/envoy.config.cluster.v3.Cluster",
            name: "outbound|443||x.default.svc.cluster.local",
            transport_socket: {
              name: "tls",
              typed_config: {
                "@type": "type.googleapis.com/some.unknown.v1.TlsConfig",
                nested: { private_key: pem, note: "an unknown type still hides private_key" },
              },
            },
          },
        },
      ],
    },
    {
      "@type": "type.googleapis.com/envoy.admin.v3.EcdsConfigDump",
      ecdsFilters: [
        { ecdsFilter: { "@type": EXTENSION_CONFIG, name: "tls-by-ecds", typedConfig: tls } },
        {
          ecds_filter: {
            "@type": EXTENSION_CONFIG,
            name: "unknown-by-ecds",
            typed_config: { "@type": "type.googleapis.com/some.unknown.v1.Filter", private_key: pem },
          },
        },
      ],
    },
  );
  return dump;
}

describe("private keys never reach the output", () => {
  const fragments = keyFragments();
  for (const form of ["inline_bytes", "inline_string"] as const) {
    for (const line of ["1.17", "1.31"]) {
      it(`${form} keys, every view and format, istioctl ${line}`, () => {
        const dump = dumpWithKeysEverywhere(form);
        const outputs: string[] = [];
        for (const view of VIEWS) {
          for (const output of OUTPUTS) {
            const r = renderView(dump, { view, output, profile: profile(line), now: NOW, filters: {} });
            outputs.push(r.ok ? r.text : `${r.text ?? ""}${r.message}`);
          }
        }
        for (const output of OUTPUTS) {
          const r = renderEds(dump, { output, profile: profile(line), now: NOW, filters: {} });
          outputs.push(r.ok ? r.text : r.message);
        }
        const all = outputs.join("\n");
        for (const f of fragments)
          assert.ok(!all.includes(f), `key fragment ${JSON.stringify(f)} was printed`);
        assert.ok(!all.includes("hunter2"), "a sensitive password was printed");
      });
    }
  }

  it("prints Envoy's redaction where the key was", () => {
    const text = (dump: ConfigDump, view: ViewName, output: OutputFormat): string => {
      const r = renderView(dump, { view, output, profile: profile("1.31"), now: NOW, filters: {} });
      assert.ok(r.ok, r.ok ? "" : r.message);
      return r.text;
    };
    const secrets = text(step04Dump("inline_string"), "secrets", "json");
    assert.match(secrets, /"privateKey": \{\n {24}"inlineBytes": "W3JlZGFjdGVkXQ=="\n/);
    const all = text(step04Dump("inline_bytes"), "all", "yaml");
    assert.match(all, /private_key:\n {10}inline_bytes: W3JlZGFjdGVkXQ==\n/);
    const ecds = text(dumpWithKeysEverywhere("inline_string"), "ecds", "json");
    assert.match(ecds, /"privateKey": \{\n {36}"inlineBytes": "W3JlZGFjdGVkXQ=="\n/);
    assert.match(ecds, /"privateKey": "\[redacted\]"/);
  });
});
