import type { IacModel, IacTargetProvider } from '../model';

const TYPES = {
  aws: { small: 't3.medium', arm: 'm7g.large', big: 'r6i.xlarge' },
  azure: {
    small: 'Standard_B2s',
    arm: 'Standard_D2ps_v5',
    big: 'Standard_E4s_v5',
  },
  gcp: { small: 'e2-medium', arm: 't2a-standard-2', big: 'n2-highmem-4' },
};
const STORAGE = { aws: 'gp3', azure: 'Premium_LRS', gcp: 'pd-balanced' };
const REGION = { aws: 'eu-west-1', azure: 'westeurope', gcp: 'europe-west1' };

/**
 * A model that reaches every branch of the Terraform writers: three waves sharing networks and
 * security groups (owned, looked up, moved earlier), every rule protocol, IPv6 and group sources,
 * customer-managed keys, zones, every image family, arm64 types, colliding names, copied tags and
 * — when `sameCloud` — import ids on everything. Used to prove the output stays byte-identical.
 */
export function everyFeatureModel(
  provider: IacTargetProvider,
  sameCloud: boolean,
): IacModel {
  const types = TYPES[provider];
  const storage = STORAGE[provider];
  const src = (id: string) => (sameCloud ? { sourceId: id } : {});
  return {
    migrationId: 'mig-every.feature_01',
    owner: 'group:default/team-webshop',
    source: { provider: sameCloud ? provider : 'inventory' },
    target: {
      provider,
      region: REGION[provider],
      ...(sameCloud
        ? {
            zone: `${REGION[provider]}-c`,
            project: 'webshop-prod',
            resourceGroup: 'rg-webshop(prod)',
          }
        : {}),
    },
    complianceProfile: 'hipaa',
    tags: { 'data-classification': 'restricted', 'cost-center': 'cc/42' },
    networks: [
      {
        key: 'net-main',
        name: 'Webshop Main',
        cidrBlock: '10.20.0.0/16',
        ...src('vpc-main'),
        subnets: [
          {
            key: 'subnet-web',
            name: 'web',
            cidrBlock: '10.20.1.0/24',
            ...src('subnet-web-id'),
          },
          {
            key: 'subnet-data',
            name: 'data',
            cidrBlock: '10.20.2.0/24',
            zone: 'zone-2',
          },
        ],
      },
      {
        key: 'net-edge',
        name: 'edge',
        cidrBlock: '10.30.0.0/16',
        subnets: [
          { key: 'subnet-dmz', name: 'dmz', cidrBlock: '10.30.1.0/24' },
        ],
      },
      {
        key: 'net-spare',
        name: 'spare',
        cidrBlock: '10.40.0.0/16',
        subnets: [],
      },
    ],
    securityGroups: [
      {
        key: 'sg-web',
        name: 'web',
        networkKey: 'net-main',
        description: 'Web tier <public> — HTTPS only',
        ...src('sg-web-id'),
        ingress: [
          {
            protocol: 'tcp',
            fromPort: 443,
            sources: ['0.0.0.0/0', '2001:db8::/32'],
            description: 'HTTPS from anywhere',
          },
          { protocol: 'icmp', sources: ['10.0.0.0/8'] },
        ],
      },
      {
        key: 'sg-app',
        name: 'app',
        networkKey: 'net-main',
        ingress: [
          {
            protocol: 'tcp',
            fromPort: 8080,
            toPort: 8090,
            sourceGroupKeys: ['sg-web'],
          },
          { protocol: 'udp', fromPort: 53, sources: ['10.20.0.0/16'] },
        ],
      },
      {
        key: 'sg-db',
        name: 'db',
        networkKey: 'net-main',
        ingress: [
          {
            protocol: 'tcp',
            fromPort: 5432,
            sourceGroupKeys: ['sg-app', 'sg-admin'],
          },
          { protocol: 'all', sourceGroupKeys: ['sg-empty'] },
        ],
      },
      {
        key: 'sg-admin',
        name: 'admin',
        networkKey: 'net-main',
        ingress: [{ protocol: 'tcp', fromPort: 22, sources: ['192.0.2.0/24'] }],
      },
      {
        key: 'sg-empty',
        name: 'empty',
        networkKey: 'net-main',
        ingress: [],
      },
      {
        key: 'sg-dmz',
        name: 'dmz',
        networkKey: 'net-edge',
        ingress: [
          {
            protocol: 'all',
            sources: ['198.51.100.0/24'],
            description: 'Partner',
          },
        ],
      },
    ],
    waves: [
      {
        number: 3,
        instances: [
          {
            key: 'vm-proxy',
            name: 'proxy',
            instanceType: types.small,
            subnetKey: 'subnet-dmz',
            securityGroupKeys: ['sg-dmz'],
            os: { family: 'other' },
            rootDisk: { sizeGiB: 20, storageClass: storage },
            dataDisks: [],
          },
          {
            key: 'vm-report',
            name: 'report',
            instanceType: types.big,
            subnetKey: 'subnet-data',
            securityGroupKeys: ['sg-db'],
            os: { family: 'linux', name: 'Rocky Linux 9' },
            rootDisk: { sizeGiB: 60, storageClass: storage },
            dataDisks: [],
            zone: 'zone-3',
          },
        ],
      },
      {
        number: 1,
        instances: [
          {
            key: 'vm-db',
            name: 'db-01',
            instanceType: types.big,
            subnetKey: 'subnet-data',
            securityGroupKeys: ['sg-db'],
            os: { family: 'linux', name: 'Red Hat Enterprise Linux 8' },
            rootDisk: {
              sizeGiB: 80,
              storageClass: storage,
              kmsKeyId: 'key-root-db',
            },
            dataDisks: [
              {
                key: 'disk-db-logs',
                name: 'db-01-logs',
                sizeGiB: 100,
                storageClass: storage,
              },
              {
                key: 'disk-db-data',
                name: 'db-01-data',
                sizeGiB: 500,
                storageClass: storage,
                kmsKeyId: 'key-data-db',
                ...src('vol-db-data'),
              },
              {
                key: 'disk-db-wal',
                name: 'db-01-data',
                sizeGiB: 50,
                storageClass: storage,
              },
            ],
            zone: 'zone-2',
            entityRef: 'resource:default/db-01',
            tags: { Name: 'ignored?', owner: 'not-me', app: 'webshop' },
            ...src('i-db'),
          },
        ],
      },
      {
        number: 2,
        instances: [
          {
            key: 'vm-web-1',
            name: 'Web 01',
            instanceType: types.arm,
            subnetKey: 'subnet-web',
            securityGroupKeys: ['sg-web', 'sg-admin'],
            os: { family: 'linux', name: 'Ubuntu 22.04' },
            rootDisk: { sizeGiB: 30, storageClass: storage },
            dataDisks: [],
            entityRef: 'resource:default/web-01',
          },
          {
            key: 'vm-web-2',
            name: 'web-01',
            instanceType: types.small,
            subnetKey: 'subnet-web',
            securityGroupKeys: ['sg-web'],
            os: { family: 'linux' },
            rootDisk: { sizeGiB: 30, storageClass: storage },
            dataDisks: [],
          },
          {
            key: 'vm-app',
            name: 'application-server-with-a-long-name',
            instanceType: types.small,
            subnetKey: 'subnet-web',
            securityGroupKeys: ['sg-app'],
            os: { family: 'windows', name: 'Microsoft Windows Server 2019' },
            rootDisk: { sizeGiB: 128, storageClass: storage },
            dataDisks: [
              {
                key: 'disk-app-1',
                name: 'app-data',
                sizeGiB: 64,
                storageClass: storage,
              },
            ],
            tags: { 'team/owner': 'shop & co', tier: 'app' },
          },
          {
            key: 'vm-bare',
            name: 'bare',
            instanceType: types.small,
            subnetKey: 'subnet-web',
            securityGroupKeys: [],
            os: { family: 'linux' },
            rootDisk: { sizeGiB: 10, storageClass: storage },
            dataDisks: [],
          },
        ],
      },
    ],
  };
}
