import type { protos } from '@google-cloud/compute';
import type { AdmissionRule } from '@sirsi-nexus/plugin-migration-node';
import { resourcePath } from './gcpMapping';

type Firewall = protos.google.cloud.compute.v1.IFirewall;
type Instance = protos.google.cloud.compute.v1.IInstance;

const PROTOCOLS = ['tcp', 'udp', 'icmp', 'all'] as const;

/** Firewall rules apply within one network: labels carry it, as `<network path>|<what>`. */
const label = (network: string, what: string) => `${network}|${what}`;

function portsOf(spec: string | undefined) {
  if (!spec) return {};
  const [from, to = from] = spec.split('-').map(Number);
  return Number.isInteger(from) && Number.isInteger(to)
    ? { fromPort: from, toPort: to }
    : {};
}

/**
 * The admissions of an enabled ingress allow rule: from source tags, source service accounts or
 * narrow source ranges to the instances with its target tags or service accounts (all instances
 * of the network without either), per protocol and port.
 */
export function firewallAdmissions(firewall: Firewall): AdmissionRule[] {
  const network = resourcePath(firewall.network);
  if (
    !network ||
    firewall.disabled ||
    (firewall.direction ?? 'INGRESS') !== 'INGRESS'
  )
    return [];
  const targets = [
    ...(firewall.targetTags ?? []).map(t => label(network, `tag:${t}`)),
    ...(firewall.targetServiceAccounts ?? []).map(s =>
      label(network, `sa:${s}`),
    ),
  ];
  if (targets.length === 0) targets.push(label(network, 'all'));
  const sources: { source: AdmissionRule['source']; text: string }[] = [
    ...(firewall.sourceTags ?? []).map(t => ({
      source: { label: label(network, `tag:${t}`) },
      text: `tag ${t}`,
    })),
    ...(firewall.sourceServiceAccounts ?? []).map(s => ({
      source: { label: label(network, `sa:${s}`) },
      text: `service account ${s}`,
    })),
    ...(firewall.sourceRanges ?? []).map(cidr => ({
      source: { cidr },
      text: cidr,
    })),
  ];
  const rules: AdmissionRule[] = [];
  for (const allowed of firewall.allowed ?? []) {
    const protocol =
      PROTOCOLS.find(p => p === allowed.IPProtocol) ?? ('all' as const);
    for (const spec of allowed.ports?.length ? allowed.ports : [undefined]) {
      const ports = portsOf(spec ?? undefined);
      for (const target of targets) {
        for (const { source, text } of sources) {
          rules.push({
            target,
            source,
            protocol,
            ...ports,
            evidence: `derived from firewall rule ${firewall.name} ${protocol}${
              spec ? `/${spec}` : ''
            } from ${text}`,
          });
        }
      }
    }
  }
  return rules;
}

/** The labels firewall rules select an instance by: its network, network tags and service accounts. */
export function instanceLabels(instance: Instance): string[] {
  const labels: string[] = [];
  for (const nic of instance.networkInterfaces ?? []) {
    const network = resourcePath(nic.network);
    if (!network) continue;
    labels.push(label(network, 'all'));
    for (const tag of instance.tags?.items ?? [])
      labels.push(label(network, `tag:${tag}`));
    for (const account of instance.serviceAccounts ?? []) {
      if (account.email) labels.push(label(network, `sa:${account.email}`));
    }
  }
  return labels;
}
