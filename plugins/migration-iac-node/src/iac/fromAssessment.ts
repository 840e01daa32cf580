import type {
  Assessment,
  AssessmentResource,
  DiscoveredResource,
} from '@sirsi-nexus/plugin-migration-common';
import { compareStrings } from './hcl/document';
import type {
  IacDisk,
  IacInstance,
  IacModel,
  IacNetwork,
  IacSecurityGroup,
  IacSecurityRule,
  IacSubnet,
  IacTarget,
  IacTargetProvider,
} from './model';
import { isCidr } from './validateModel';

/**
 * Inputs besides the assessment.
 *
 * @public
 */
export interface IacModelFromAssessmentOptions {
  /** Defaults to the assessment's migration id. */
  migrationId?: string;
  /** Owner entity ref written as the `owner` tag. */
  owner: string;
  /**
   * The discovered resources of the selection and what they depend on (subnets, networks,
   * security groups), e.g. read from catalog entities with `entityToDiscoveredResource`.
   */
  resources: DiscoveredResource[];
  /** Target details the assessment does not carry (GCP project, Azure resource group, zone). */
  target?: Pick<IacTarget, 'zone' | 'project' | 'resourceGroup'>;
  /** Tags for every resource on top of the required ones (`migration.iac.defaultTags`). */
  tags?: Record<string, string>;
  /** CIDR blocks allowed to reach SSH (Linux) or RDP (Windows) on every machine; none by default. */
  adminSources?: string[];
}

/**
 * The model plus what the adapter had to leave out or assume.
 *
 * @public
 */
export interface IacModelFromAssessmentResult {
  model: IacModel;
  /** Resources not turned into Terraform, with the reason. */
  skipped: Array<{ id: string; name: string; reason: string }>;
  warnings: string[];
}

/** Strategies that keep a machine as a machine on the target. */
const MACHINE_STRATEGIES = new Set(['rehost', 'replatform', 'relocate']);

/** The assessment's storage class ids, as each provider's Terraform argument spells them. */
const STORAGE_CLASSES: Record<IacTargetProvider, Record<string, string>> = {
  aws: {},
  azure: {
    'premium-ssd': 'Premium_LRS',
    'premium-ssd-v2': 'PremiumV2_LRS',
    'premium-ssd-zrs': 'Premium_ZRS',
    'standard-ssd': 'StandardSSD_LRS',
    'standard-ssd-zrs': 'StandardSSD_ZRS',
    'standard-hdd': 'Standard_LRS',
    'ultra-disk': 'UltraSSD_LRS',
  },
  gcp: {},
};

const DEFAULT_STORAGE_CLASS: Record<IacTargetProvider, string> = {
  aws: 'gp3',
  azure: 'Premium_LRS',
  gcp: 'pd-balanced',
};

/** Smallest OS disk each cloud's base images accept. */
const MIN_ROOT_GIB: Record<
  IacTargetProvider,
  { linux: number; windows: number }
> = {
  aws: { linux: 8, windows: 30 },
  azure: { linux: 30, windows: 127 },
  gcp: { linux: 10, windows: 50 },
};

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

function storageClass(
  provider: IacTargetProvider,
  id: string | undefined,
): string {
  if (!id) return DEFAULT_STORAGE_CLASS[provider];
  const mapped = STORAGE_CLASSES[provider][id] ?? id;
  return /^[A-Za-z0-9_.-]{1,64}$/.test(mapped)
    ? mapped
    : DEFAULT_STORAGE_CLASS[provider];
}

function firstIpv4(resource?: DiscoveredResource): string | undefined {
  return resource?.specs.ipAddresses?.find(ip =>
    /^\d{1,3}(\.\d{1,3}){3}$/.test(ip),
  );
}

function prefix(ip: string, bits: 16 | 24): string {
  const parts = ip.split('.').map(Number);
  return bits === 16
    ? `${parts[0]}.${parts[1]}.0.0/16`
    : `${parts[0]}.${parts[1]}.${parts[2]}.0/24`;
}

/** Tags that may not be copied (cloud-reserved prefixes). */
function copyableTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tags).filter(
      ([key]) => !/^(aws:|azure:|goog-|microsoft)/i.test(key),
    ),
  );
}

/**
 * Turns an assessment (sizing, waves, disk mapping) and the discovered resources (networks,
 * subnets, security groups, addresses) into the model the Terraform generator writes.
 *
 * Machines the assessment keeps as machines (rehost, replatform without a managed target
 * service, relocate) become instances in their wave; their discovered subnets and security
 * groups carry over. Machines without discovered networking (on-premises) get a subnet per /24
 * of their address in a network per /16, and a security group each that admits exactly the
 * machines that depend on them (on the engine's port when known, else any TCP port).
 *
 * @public
 */
export function iacModelFromAssessment(
  assessment: Assessment,
  options: IacModelFromAssessmentOptions,
): IacModelFromAssessmentResult {
  const provider = assessment.target.provider;
  const warnings: string[] = [];
  const skipped: IacModelFromAssessmentResult['skipped'] = [];
  const discovered = new Map<string, DiscoveredResource>();
  for (const r of options.resources)
    discovered.set(r.externalId.toLowerCase(), r);
  const find = (id: string) => discovered.get(id.toLowerCase());
  const depsOfKind = (r: DiscoveredResource | undefined, kind: string) =>
    (r?.dependsOn ?? [])
      .map(find)
      .filter((d): d is DiscoveredResource => d?.kind === kind);

  const machines: AssessmentResource[] = [];
  for (const resource of assessment.resources) {
    if (resource.kind !== 'vm') continue;
    if (!MACHINE_STRATEGIES.has(resource.strategy.strategy)) {
      skipped.push({
        id: resource.id,
        name: resource.name,
        reason: `strategy ${resource.strategy.strategy}: ${resource.strategy.reason}`,
      });
    } else if (resource.strategy.targetService) {
      skipped.push({
        id: resource.id,
        name: resource.name,
        reason: `moves to ${resource.strategy.targetService}`,
      });
    } else if (!resource.sizing) {
      skipped.push({
        id: resource.id,
        name: resource.name,
        reason: 'no sizing in the assessment (plan stage only)',
      });
    } else {
      machines.push(resource);
    }
  }
  for (const resource of assessment.resources) {
    if (
      resource.kind !== 'vm' &&
      !['network', 'subnet', 'security-group', 'disk'].includes(resource.kind)
    ) {
      skipped.push({
        id: resource.id,
        name: resource.name,
        reason: `${resource.kind} resources are not generated as Terraform`,
      });
    }
  }
  machines.sort((a, b) => compareStrings(a.id, b.id));
  const sourceProvider =
    machines.map(m => m.provider)[0] ??
    assessment.resources[0]?.provider ??
    'inventory';
  const sameCloud = sourceProvider === provider;

  // Networks and subnets: discovered ones where the machine names them, else derived from its address.
  const networks = new Map<string, IacNetwork>();
  const subnetNetwork = new Map<string, string>();
  const placeSubnet = (
    subnet: IacSubnet,
    network: Omit<IacNetwork, 'subnets'>,
  ) => {
    const existing = networks.get(network.key) ?? { ...network, subnets: [] };
    networks.set(network.key, existing);
    if (!existing.subnets.some(s => s.key === subnet.key))
      existing.subnets.push(subnet);
    subnetNetwork.set(subnet.key, network.key);
    return subnet.key;
  };
  const subnetOf = (machine: AssessmentResource): string => {
    const source = find(machine.id);
    const subnet = depsOfKind(source, 'subnet')[0];
    const subnetCidr = subnet?.specs.cidrBlocks?.find(isCidr);
    if (subnet && subnetCidr) {
      const network = depsOfKind(subnet, 'network')[0];
      const networkCidr = network?.specs.cidrBlocks?.find(isCidr);
      return placeSubnet(
        {
          key: subnet.externalId,
          name: subnet.name,
          cidrBlock: subnetCidr,
          ...(subnet.zone ? { zone: subnet.zone } : {}),
          ...(sameCloud ? { sourceId: subnet.externalId } : {}),
        },
        network && networkCidr
          ? {
              key: network.externalId,
              name: network.name,
              cidrBlock: networkCidr,
              ...(sameCloud ? { sourceId: network.externalId } : {}),
            }
          : {
              key: `net-${subnetCidr}`,
              name: `net-${subnetCidr}`,
              cidrBlock: subnetCidr,
            },
      );
    }
    const ip = firstIpv4(source);
    if (!ip) {
      warnings.push(
        `${machine.name} has no IPv4 address or subnet; it is placed in 10.254.0.0/24`,
      );
    }
    const derivedSubnet = ip ? prefix(ip, 24) : '10.254.0.0/24';
    const derivedNetwork = ip ? prefix(ip, 16) : '10.254.0.0/16';
    return placeSubnet(
      {
        key: `subnet-${derivedSubnet}`,
        name: `subnet-${derivedSubnet.replace('/', '-')}`,
        cidrBlock: derivedSubnet,
      },
      {
        key: `net-${derivedNetwork}`,
        name: `${
          assessment.sourceEnvironmentId ?? 'migrated'
        }-${derivedNetwork.replace('/', '-')}`,
        cidrBlock: derivedNetwork,
      },
    );
  };

  const instances = new Map<string, IacInstance>();
  const waveOf = new Map<string, number>();
  for (const machine of machines) {
    const source = find(machine.id);
    const family = machine.os?.family ?? source?.specs.os?.family ?? 'linux';
    const [root, ...data] = machine.disks;
    const minRoot =
      MIN_ROOT_GIB[provider][family === 'windows' ? 'windows' : 'linux'];
    const dataDisks: IacDisk[] = data.map((disk, n) => ({
      key: `${machine.id}-disk-${n + 1}`,
      name: `${machine.name}-${disk.name ?? `disk-${n + 1}`}`,
      sizeGiB: Math.max(1, Math.ceil(disk.sizeGiB)),
      storageClass: storageClass(provider, disk.storageClass),
    }));
    if (dataDisks.length > 20) {
      warnings.push(
        `${machine.name} has ${dataDisks.length} data disks; only the first 20 are generated`,
      );
      dataDisks.length = 20;
    }
    instances.set(machine.id, {
      key: machine.id,
      name: machine.name,
      instanceType: machine.sizing!.instanceType,
      subnetKey: subnetOf(machine),
      securityGroupKeys: [],
      os: { family, ...(machine.os?.name ? { name: machine.os.name } : {}) },
      rootDisk: {
        sizeGiB: Math.max(minRoot, Math.ceil(root?.sizeGiB ?? minRoot)),
        storageClass: storageClass(provider, root?.storageClass),
      },
      dataDisks,
      ...(machine.entityRef ? { entityRef: machine.entityRef } : {}),
      ...(source ? { tags: copyableTags(source.tags) } : {}),
      ...(sameCloud ? { sourceId: machine.id } : {}),
    });
    waveOf.set(machine.id, machine.wave);
  }

  // Security groups: the discovered ones where there are any, else one per machine derived
  // from the dependency graph.
  const groups = new Map<string, IacSecurityGroup>();
  const discoveredGroupsOf = (id: string) =>
    depsOfKind(find(id), 'security-group');
  for (const [id, instance] of instances) {
    const networkKey = subnetNetwork.get(instance.subnetKey)!;
    for (const group of discoveredGroupsOf(id)) {
      if (!groups.has(group.externalId)) {
        groups.set(group.externalId, {
          key: group.externalId,
          name: group.name,
          networkKey,
          ingress: [],
          ...(sameCloud ? { sourceId: group.externalId } : {}),
        });
      }
      if (groups.get(group.externalId)!.networkKey === networkKey) {
        instance.securityGroupKeys.push(group.externalId);
      } else {
        warnings.push(
          `${instance.name}: security group ${group.name} belongs to another network and is left off`,
        );
      }
    }
  }
  for (const group of groups.values()) {
    const source = find(group.key)!;
    for (const rule of source.specs.ingress ?? []) {
      const sourceGroupKeys = (rule.sourceGroups ?? []).filter(k =>
        groups.has(k),
      );
      const dropped = (rule.sourceGroups ?? []).length - sourceGroupKeys.length;
      if (dropped > 0) {
        warnings.push(
          `${group.name}: ${dropped} source group(s) of a rule are not part of the migration and are left out`,
        );
      }
      const sources = (rule.sources ?? []).filter(isCidr);
      if (sources.length + sourceGroupKeys.length === 0) continue;
      const converted: IacSecurityRule = {
        protocol: rule.protocol,
        ...(rule.protocol === 'tcp' || rule.protocol === 'udp'
          ? {
              fromPort: rule.fromPort ?? 0,
              toPort: rule.toPort ?? rule.fromPort ?? 65535,
            }
          : {}),
        ...(sources.length ? { sources } : {}),
        ...(sourceGroupKeys.length ? { sourceGroupKeys } : {}),
        ...(rule.description ? { description: rule.description } : {}),
      };
      group.ingress.push(converted);
    }
  }

  const dependents = new Map<string, string[]>();
  for (const edge of assessment.dependencies.edges) {
    const list = dependents.get(edge.to) ?? [];
    list.push(edge.from);
    dependents.set(edge.to, list);
  }
  let openTcp = 0;
  for (const [id, instance] of instances) {
    if (instance.securityGroupKeys.length > 0) continue;
    const key = `sg-${id}`;
    const networkKey = subnetNetwork.get(instance.subnetKey)!;
    const ingress: IacSecurityRule[] = [];
    const source = find(id);
    const engine = source?.specs.engine?.toLowerCase();
    // Ports dependents use: discovered listening ports, else the database engine's port, else
    // (no port data) every TCP port, still only from the dependents themselves.
    const discoveredPorts = (source?.specs.listeningPorts ?? []).filter(
      p => Number.isInteger(p.port) && p.port > 0 && p.port <= 65535,
    );
    const enginePort = engine ? ENGINE_PORTS[engine] : undefined;
    const portRules: Array<
      Pick<IacSecurityRule, 'protocol' | 'fromPort' | 'toPort'> & {
        label: string;
      }
    > =
      discoveredPorts.length > 0
        ? [
            ...new Map(
              discoveredPorts.map(p => [`${p.protocol}/${p.port}`, p]),
            ).values(),
          ]
            .sort(
              (a, b) =>
                a.port - b.port || compareStrings(a.protocol, b.protocol),
            )
            .map(p => ({
              protocol: p.protocol,
              fromPort: p.port,
              toPort: p.port,
              label: `${p.protocol}/${p.port}`,
            }))
        : [
            {
              protocol: 'tcp',
              fromPort: enginePort ?? 0,
              toPort: enginePort ?? 65535,
              label: enginePort ? engine! : 'ports not discovered',
            },
          ];
    const sameNetwork = (dependents.get(id) ?? [])
      .filter(d => instances.has(d))
      .filter(
        d => subnetNetwork.get(instances.get(d)!.subnetKey) === networkKey,
      )
      .sort(compareStrings);
    if (sameNetwork.length > 0) {
      if (discoveredPorts.length === 0 && enginePort === undefined) openTcp++;
      for (const { label, ...rule } of portRules) {
        ingress.push({
          ...rule,
          sourceGroupKeys: sameNetwork.map(d => `sg-${d}`),
          description: `Dependents (${label})`,
        });
      }
    }
    const otherNetworks = (dependents.get(id) ?? []).filter(
      d => instances.has(d) && !sameNetwork.includes(d),
    );
    for (const d of otherNetworks.sort(compareStrings)) {
      const subnet = networks
        .get(subnetNetwork.get(instances.get(d)!.subnetKey)!)!
        .subnets.find(s => s.key === instances.get(d)!.subnetKey)!;
      for (const { label, ...rule } of portRules) {
        ingress.push({
          ...rule,
          sources: [subnet.cidrBlock],
          description: `Dependent ${instances.get(d)!.name} (${label})`,
        });
      }
    }
    if (options.adminSources?.length) {
      ingress.push({
        protocol: 'tcp',
        fromPort: instance.os.family === 'windows' ? 3389 : 22,
        sources: [...options.adminSources],
        description: 'Administration',
      });
    }
    groups.set(key, {
      key,
      name: `${instance.name}`,
      networkKey,
      description: `Access to ${instance.name}`,
      ingress,
    });
    instance.securityGroupKeys.push(key);
  }
  if (openTcp > 0) {
    warnings.push(
      `${openTcp} machine(s) admit their dependents on every TCP port because the dependency data has no ports; add the ports to the dependency data (listeningPorts) to narrow them`,
    );
  }

  const waveNumbers = [...new Set(waveOf.values())].sort((a, b) => a - b);
  const model: IacModel = {
    migrationId: options.migrationId ?? assessment.migrationId ?? 'preview',
    owner: options.owner,
    source: {
      provider: sourceProvider,
      ...(assessment.sourceEnvironmentId
        ? { environmentId: assessment.sourceEnvironmentId }
        : {}),
    },
    target: {
      provider,
      region: assessment.target.region,
      ...(options.target?.zone ? { zone: options.target.zone } : {}),
      ...(options.target?.project ? { project: options.target.project } : {}),
      ...(options.target?.resourceGroup
        ? { resourceGroup: options.target.resourceGroup }
        : {}),
    },
    complianceProfile: assessment.options.complianceProfile,
    ...(options.tags && Object.keys(options.tags).length > 0
      ? { tags: { ...options.tags } }
      : {}),
    networks: [...networks.values()].sort((a, b) =>
      compareStrings(a.key, b.key),
    ),
    securityGroups: [...groups.values()].sort((a, b) =>
      compareStrings(a.key, b.key),
    ),
    waves: waveNumbers.map(number => ({
      number,
      instances: [...instances.values()].filter(
        i => waveOf.get(i.key) === number,
      ),
    })),
  };
  return { model, skipped, warnings };
}
