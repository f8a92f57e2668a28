/**
 * A large, valid mesh for benchmarks: `n` VirtualServices (each with a Service, bound to one of
 * a few Gateways, some with a DestinationRule), as one multi-document YAML text.
 */
export function generateMesh(n: number): string {
  const docs: string[] = [];
  const gateways = Math.max(1, Math.floor(n / 1000));
  for (let g = 0; g < gateways; g++) {
    docs.push(`apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw-${g}, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*.team${g}.example.com"]`);
  }
  for (let i = 0; i < n; i++) {
    const ns = `ns-${i % 50}`;
    const g = i % gateways;
    docs.push(`apiVersion: v1
kind: Service
metadata: {name: svc-${i}, namespace: ${ns}}
spec:
  selector: {app: svc-${i}}
  ports: [{name: http, port: 80, targetPort: 8080}]`);
    docs.push(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs-${i}, namespace: ${ns}}
spec:
  hosts: ["app-${i}.team${g}.example.com"]
  gateways: [istio-system/gw-${g}]
  http:
  - match: [{uri: {prefix: /api}}]
    route: [{destination: {host: svc-${i}, subset: v1}}]
  - route: [{destination: {host: svc-${i}.${ns}.svc.cluster.local, port: {number: 80}}}]`);
    if (i % 4 === 0)
      docs.push(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: dr-${i}, namespace: ${ns}}
spec:
  host: svc-${i}
  subsets: [{name: v1, labels: {version: v1}}]`);
  }
  return `${docs.join("\n---\n")}\n`;
}
