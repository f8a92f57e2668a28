/**
 * The client's port → the Envoy listener port, through the gateway's Kubernetes Service:
 * a nodePort or a service port, then its targetPort (the port Envoy listens on in the pod).
 * The CLI knows the Service from the manifests and passes its ports in as plain data.
 */

export interface GatewayServicePort {
  /** "namespace/name" of the Service. */
  readonly service: string;
  /** The port's name ("http2", "https", …). */
  readonly name: string;
  readonly port: number;
  /** The resolved targetPort: the container port Envoy listens on. */
  readonly targetPort: number;
  readonly nodePort?: number;
}

export interface PortMapping {
  readonly listenerPort: number;
  /** How the client's port became the listener port, in words. */
  readonly detail: string;
  readonly via?: GatewayServicePort;
}

function describePort(p: GatewayServicePort): string {
  return `Service ${p.service} port ${p.name ? `${p.name} ` : ""}${p.port}`;
}

/**
 * A nodePort is matched before a service port: a client on a kind or NodePort cluster uses the
 * node port, and node ports (30000–32767) rarely collide with service ports.
 * undefined when the Service is known and neither of its ports is the client's.
 */
export function mapClientPort(
  port: number,
  ports: readonly GatewayServicePort[] | undefined,
): PortMapping | undefined {
  if (ports === undefined) {
    return {
      listenerPort: port,
      detail: `port ${port} (no gateway Service known: taken as the listener port)`,
    };
  }
  const lookups: [string, (p: GatewayServicePort) => boolean][] = [
    ["nodePort", (p) => p.nodePort === port],
    ["port", (p) => p.port === port],
  ];
  for (const [kind, matches] of lookups) {
    const via = ports.find(matches);
    if (via) {
      return {
        listenerPort: via.targetPort,
        detail: `${kind} ${port} → ${describePort(via)} → targetPort ${via.targetPort}`,
        via,
      };
    }
  }
  return undefined;
}

/** "15021 (nodePort 31896), 80→8080 (nodePort 30000), …" for messages. */
export function describeServicePorts(ports: readonly GatewayServicePort[]): string {
  return ports
    .map(
      (p) =>
        `${p.port}${p.targetPort !== p.port ? `→${p.targetPort}` : ""}${p.nodePort ? ` (nodePort ${p.nodePort})` : ""}`,
    )
    .join(", ");
}
