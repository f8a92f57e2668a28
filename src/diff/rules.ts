/**
 * The normalisations `gwctl diff` applies before comparing, as one table: each has a name
 * (for --strict and --normalize), what it does, why, and where the problem was seen. The
 * code of each rule lives where it acts (extraction, the resource walk, the comparison);
 * docs/diff.md lists every rule of this table, and a test keeps the two in step.
 *
 * - always: part of what a comparison means; cannot be turned off.
 * - default: on unless `--strict NAME`.
 * - auto: on when the inputs call for it (said on stderr), or with `--normalize NAME`;
 *   `--strict NAME` keeps it off.
 */

export type When = "always" | "default" | "auto";

export interface Rule {
  readonly name: string;
  readonly when: When;
  readonly does: string;
  readonly why: string;
  readonly source: string;
}

export const RULES = [
  {
    name: "volatile-fields",
    when: "always",
    does: "compares resources, not the dump entries around them: version_info, last_updated, the entry's own name and client_status are dropped",
    why: "they describe a push (when, which version), not the configuration; a restarted or re-synced Envoy has new ones",
    source:
      "istioctl proxy-status clears version_info, last_updated and the listener entry's name (istio/istio#21709)",
  },
  {
    name: "bootstrap",
    when: "always",
    does: "does not compare the bootstrap section: the node id, pod name, pod IPs and labels live there",
    why: "they differ for every pod of the same gateway; pod IPs are not rewritten elsewhere, because a gateway's own IP is also an endpoint of its own Service, where rewriting it would make two replicas' identical lists differ",
    source: "node ids are router~IP~POD.NS~NS.svc.cluster.local (reference/envoy-admin-api.md §1.6)",
  },
  {
    name: "casing",
    when: "always",
    does: "reads camelCase dumps (Go's protojson, or one camelCase section) as Envoy's snake_case, field names only, by the proto schema (src/envoy/casing.ts, called at one seam: src/diff/spelling.ts)",
    why: "istioctl's per-type -o json prints lowerCamelCase; Envoy's /config_dump prints snake_case",
    source: "reference/istioctl-output-formats.md §1 (JSON casing)",
  },
  {
    name: "private-keys",
    when: "always",
    does: "prints every resource and value through Envoy's redaction of sensitive fields (src/envoy/redact.ts); a resource that differs only in them does not differ",
    why: "private keys never reach the output, whatever the input held (DESIGN.md); Envoy prints them redacted anyway",
    source: "Envoy's /config_dump redaction of sensitive fields",
  },
  {
    name: "named-lists",
    when: "always",
    does: "pairs list elements by name (filter chains by their match, endpoints by address, localities by locality), not by position; order is ignored where Envoy ignores it (virtual_hosts, filter_chains, endpoints, lb_endpoints, weighted clusters) and reported once as an `order` difference where it matters (http_filters, filters, listener_filters, named routes)",
    why: "istiod's resource and element order follows map iteration; comparing by position reports everything after a moved element",
    source: "istioctl proxy-status sorts resources by name and virtual hosts within route configurations",
  },
  {
    name: "sets",
    when: "always",
    does: "compares domains, filter_chain_match.server_names, filter_chain_match.application_protocols and retriable_status_codes as sets",
    why: "Envoy matches any member; their order carries no meaning",
    source: "Envoy's VirtualHost.domains and FilterChainMatch documentation",
  },
  {
    name: "type-urls",
    when: "default",
    does: "treats @type and type_url values that name the same message as equal: v2 names (envoy.api.v2.Cluster, envoy.config.filter.KIND.NAME.v2.*, envoy.admin.v2alpha.*) and udpa.type.v1.TypedStruct equal their v3 names",
    why: "the same message under two names is not drift",
    source: "istio/istio#23735 (Envoy said envoy.api.v2.Cluster, istiod envoy.config.cluster.v3.Cluster)",
  },
  {
    name: "cluster-type",
    when: "default",
    does: 'spells out a cluster\'s discovery type when it is absent: "type": "STATIC" (proto3\'s default)',
    why: "proto3 JSON printers omit a zero enum, so one side can say STATIC and the other nothing",
    source: "istio/istio#12958 (proxy-status always reported type STATIC)",
  },
  {
    name: "eds-defaults",
    when: "default",
    does: "spells out what Envoy fills in when it prints endpoints: policy.overprovisioning_factor 140, an empty locality, an empty health_check_config, load_balancing_weight 1, health_status HEALTHY for UNKNOWN or absent",
    why: "Envoy rebuilds the EDS section of /config_dump from its host sets, so it shows defaults istiod never sent",
    source: "Envoy's EndpointsConfigDump; compare shared/upstream/istio-configdump/endpoint/configdump.json",
  },
  {
    name: "workload-secrets",
    when: "default",
    does: "drops the SDS secrets `default` and `ROOTCA`",
    why: "istio-agent issues them to each pod at run time: they differ per pod, rotate daily, and are not in simulated dumps",
    source: "docs/manifests.md (per-pod SDS secrets are not simulated)",
  },
  {
    name: "telemetry-filters",
    when: "auto",
    does: "compares only the @type of the typed_config of the telemetry filters istio.stats and istio.metadata_exchange (HTTP and network)",
    why: "a simulated dump gives these filters' type only, because their configuration comes from telemetry installed with Istio; on when exactly one side is simulated",
    source: "src/xds/filters.ts; docs/conformance.md",
  },
  {
    name: "static-resources",
    when: "auto",
    does: "compares only dynamic resources of a type when one side has no static ones of it",
    why: "istiod's debug config_dump (the expected side of istioctl proxy-status) holds only what istiod pushes, never the bootstrap's static resources",
    source: "reference/istioctl-output-formats.md §4 (proxy-status compares dynamic resources only)",
  },
] as const satisfies readonly Rule[];

export type RuleName = (typeof RULES)[number]["name"];

export function isRuleName(s: string): s is RuleName {
  return RULES.some((r) => r.name === s);
}

function ruleByName(name: RuleName): Rule {
  return RULES.find((r) => r.name === name) as Rule;
}

/** What the user asked: rules turned off (--strict) and auto rules turned on (--normalize). */
export interface RuleChoice {
  readonly strict: ReadonlySet<RuleName>;
  readonly force: ReadonlySet<RuleName>;
}

/**
 * Is the rule on? `detected` says whether the inputs call for an auto rule. --strict on an
 * always rule is refused earlier (checkChoice), so it is not looked at here.
 */
export function isOn(name: RuleName, choice: RuleChoice, detected = false): boolean {
  const rule = ruleByName(name);
  if (rule.when === "always") return true;
  if (choice.strict.has(name)) return false;
  return rule.when === "default" || choice.force.has(name) || detected;
}

/** A reason to refuse the choice, or undefined. */
export function checkChoice(choice: RuleChoice): string | undefined {
  for (const n of choice.strict) {
    if (ruleByName(n).when === "always") return `--strict: "${n}" is always applied and cannot be turned off`;
  }
  for (const n of choice.force) {
    if (ruleByName(n).when !== "auto")
      return `--normalize: "${n}" is not an automatic rule (it is ${ruleByName(n).when === "always" ? "always" : "on by default"})`;
    if (choice.strict.has(n)) return `"${n}" is given to both --strict and --normalize`;
  }
  return undefined;
}
