import assert from "node:assert/strict";
import type { JsonObject } from "../../src/envoy/types.js";
import { selectVirtualHost } from "../../src/simulate/domains.js";

/**
 * Envoy's virtual-host selection (router/config_impl.cc RouteMatcher::findVirtualHost and the
 * VirtualHost.domains documentation quoted in envoy-admin-api.md §1.10).
 */

function rc(domains: string[][], extra: JsonObject = {}): JsonObject {
  return { name: "r", virtual_hosts: domains.map((d, i) => ({ name: `vh${i}`, domains: d })), ...extra };
}

function pick(config: JsonObject, host: string | undefined): string | undefined {
  return selectVirtualHost(config, host).match?.vhost.name as string | undefined;
}

describe("simulate: virtual-host domains", () => {
  const config = rc([["*"], ["*.foo.com"], ["*-bar.foo.com"], ["foo.*"], ["foo.com.*"], ["www.foo.com"]]);

  it("takes an exact domain first", () => {
    assert.equal(pick(config, "www.foo.com"), "vh5");
  });

  it("then the longest suffix wildcard", () => {
    // "foo-bar.baz.com should match *-bar.baz.com before *.baz.com" (config_impl.cc comment)
    assert.equal(pick(config, "x-bar.foo.com"), "vh2");
    assert.equal(pick(config, "x.foo.com"), "vh1");
  });

  it("then the longest prefix wildcard, then *", () => {
    assert.equal(pick(config, "foo.com.cn"), "vh4");
    assert.equal(pick(config, "foo.org"), "vh3");
    assert.equal(pick(config, "bar.org"), "vh0");
  });

  it("never lets a wildcard match the empty string", () => {
    // "*-bar.foo.com" does not match "-bar.foo.com"; "*.foo.com" does not match ".foo.com"
    assert.equal(pick(config, "-bar.foo.com"), "vh1");
    assert.equal(pick(config, ".foo.com"), "vh0");
  });

  it("ignores case in the host", () => {
    assert.equal(pick(config, "WWW.Foo.COM"), "vh5");
  });

  it("keeps the port unless ignore_port_in_host_matching is set", () => {
    const exact = rc([["webapp.istioinaction.io"]]);
    assert.equal(pick(exact, "webapp.istioinaction.io:30000"), undefined);
    const ignore = rc([["webapp.istioinaction.io"]], { ignore_port_in_host_matching: true });
    assert.equal(pick(ignore, "webapp.istioinaction.io:30000"), "vh0");
    assert.equal(selectVirtualHost(ignore, "webapp.istioinaction.io:30000").host, "webapp.istioinaction.io");
  });

  it("with only a default virtual host, does not look at the host at all", () => {
    const only = rc([["*"]]);
    assert.equal(pick(only, undefined), "vh0");
    assert.equal(selectVirtualHost(only, "anything").match?.kind, "default (*)");
  });

  it("reports the configurations Envoy rejects", () => {
    assert.match(
      selectVirtualHost(rc([["a.com"], ["A.com"]]), "a.com").error ?? "",
      /duplicate domain "a.com"/,
    );
    assert.match(selectVirtualHost(rc([["*"], ["*"]]), "a.com").error ?? "", /only one virtual host may use/);
  });
});
