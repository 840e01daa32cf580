import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { compareStrings } from '../hcl/document';
import type {
  IacInstance,
  IacNetwork,
  IacSecurityGroup,
  IacSecurityRule,
} from '../model';
import type { AdapterContext } from './adapterContext';

/** Ports a dependency on a database engine uses. */
const ENGINE_PORTS: Record<string, number> = {
  sqlserver: 1433,
  mssql: 1433,
  oracle: 1521,
  mysql: 3306,
  mariadb: 3306,
  postgres: 5432,
  postgresql: 5432,
  mongodb: 27017,
  redis: 6379,
};

type PortRule = Pick<IacSecurityRule, 'protocol' | 'fromPort' | 'toPort'> & {
  label: string;
};

/** Where the machines sit. */
interface Placement {
  instances: Map<string, IacInstance>;
  networks: Map<string, IacNetwork>;
  subnetNetwork: Map<string, string>;
}

/**
 * Ports dependents use: discovered listening ports, else the database engine's port, else
 * (no port data) every TCP port. `open` says it came to every port.
 */
function portRulesOf(source: DiscoveredResource | undefined): {
  rules: PortRule[];
  open: boolean;
} {
  const engine = source?.specs.engine?.toLowerCase();
  const discoveredPorts = (source?.specs.listeningPorts ?? []).filter(
    p => Number.isInteger(p.port) && p.port > 0 && p.port <= 65535,
  );
  const enginePort = engine ? ENGINE_PORTS[engine] : undefined;
  if (discoveredPorts.length > 0) {
    const unique = new Map(
      discoveredPorts.map(p => [`${p.protocol}/${p.port}`, p]),
    );
    return {
      open: false,
      rules: [...unique.values()]
        .sort(
          (a, b) => a.port - b.port || compareStrings(a.protocol, b.protocol),
        )
        .map(p => ({
          protocol: p.protocol,
          fromPort: p.port,
          toPort: p.port,
          label: `${p.protocol}/${p.port}`,
        })),
    };
  }
  return {
    open: enginePort === undefined,
    rules: [
      {
        protocol: 'tcp',
        fromPort: enginePort ?? 0,
        toPort: enginePort ?? 65535,
        label: enginePort ? engine! : 'ports not discovered',
      },
    ],
  };
}

/**
 * A security group for each machine without a discovered one, admitting exactly the machines
 * that depend on it: by group within its network, by subnet block from other networks, plus
 * SSH/RDP from `adminSources`.
 */
export function addDependentGroups(
  ctx: AdapterContext,
  placement: Placement,
  groups: Map<string, IacSecurityGroup>,
): void {
  const dependents = new Map<string, string[]>();
  for (const edge of ctx.assessment.dependencies.edges) {
    const list = dependents.get(edge.to) ?? [];
    list.push(edge.from);
    dependents.set(edge.to, list);
  }
  let openTcp = 0;
  for (const [id, instance] of placement.instances) {
    if (instance.securityGroupKeys.length > 0) continue;
    const key = `sg-${id}`;
    const { ingress, open } = dependentRules(
      ctx,
      placement,
      id,
      dependents.get(id) ?? [],
    );
    if (open) openTcp++;
    groups.set(key, {
      key,
      name: `${instance.name}`,
      networkKey: placement.subnetNetwork.get(instance.subnetKey)!,
      description: `Access to ${instance.name}`,
      ingress,
    });
    instance.securityGroupKeys.push(key);
  }
  if (openTcp > 0) {
    ctx.warnings.push(
      `${openTcp} machine(s) admit their dependents on every TCP port because the dependency data has no ports; add the ports to the dependency data (listeningPorts) to narrow them`,
    );
  }
}

function dependentRules(
  ctx: AdapterContext,
  { instances, networks, subnetNetwork }: Placement,
  id: string,
  dependents: string[],
): { ingress: IacSecurityRule[]; open: boolean } {
  const instance = instances.get(id)!;
  const networkKey = subnetNetwork.get(instance.subnetKey)!;
  const ingress: IacSecurityRule[] = [];
  const ports = portRulesOf(ctx.find(id));
  const sameNetwork = dependents
    .filter(d => instances.has(d))
    .filter(d => subnetNetwork.get(instances.get(d)!.subnetKey) === networkKey)
    .sort(compareStrings);
  if (sameNetwork.length > 0) {
    for (const { label, ...rule } of ports.rules) {
      ingress.push({
        ...rule,
        sourceGroupKeys: sameNetwork.map(d => `sg-${d}`),
        description: `Dependents (${label})`,
      });
    }
  }
  const otherNetworks = dependents.filter(
    d => instances.has(d) && !sameNetwork.includes(d),
  );
  for (const d of otherNetworks.sort(compareStrings)) {
    const dependent = instances.get(d)!;
    const subnet = networks
      .get(subnetNetwork.get(dependent.subnetKey)!)!
      .subnets.find(s => s.key === dependent.subnetKey)!;
    for (const { label, ...rule } of ports.rules) {
      ingress.push({
        ...rule,
        sources: [subnet.cidrBlock],
        description: `Dependent ${dependent.name} (${label})`,
      });
    }
  }
  if (ctx.options.adminSources?.length) {
    ingress.push({
      protocol: 'tcp',
      fromPort: instance.os.family === 'windows' ? 3389 : 22,
      sources: [...ctx.options.adminSources],
      description: 'Administration',
    });
  }
  return { ingress, open: sameNetwork.length > 0 && ports.open };
}
