import type { IacModel, IacTargetProvider } from '../model';

/**
 * A small three-tier estate in two waves: a database (wave 1) and web + app servers (wave 2),
 * with admin access from the office and tier-to-tier rules.
 */
export function threeTierModel(
  provider: IacTargetProvider = 'aws',
  overrides: Partial<IacModel> = {},
): IacModel {
  const storage = { aws: 'gp3', azure: 'Premium_LRS', gcp: 'pd-balanced' }[
    provider
  ];
  const types = {
    aws: { db: 'r6i.large', web: 't3.medium', app: 'm6i.large' },
    azure: {
      db: 'Standard_E2s_v5',
      web: 'Standard_B2s',
      app: 'Standard_D2s_v5',
    },
    gcp: { db: 'n2-highmem-2', web: 'e2-medium', app: 'n2-standard-2' },
  }[provider];
  const region = { aws: 'eu-west-1', azure: 'westeurope', gcp: 'europe-west1' }[
    provider
  ];
  return {
    migrationId: 'mig-0001',
    owner: 'group:default/team-webshop',
    source: { provider: 'inventory', environmentId: 'dc1' },
    target: {
      provider,
      region,
      ...(provider === 'gcp' ? { project: 'webshop-prod' } : {}),
    },
    complianceProfile: 'gdpr',
    tags: { 'data-classification': 'internal' },
    networks: [
      {
        key: 'net-main',
        name: 'webshop',
        cidrBlock: '10.20.0.0/16',
        subnets: [
          { key: 'subnet-web', name: 'web', cidrBlock: '10.20.1.0/24' },
          { key: 'subnet-data', name: 'data', cidrBlock: '10.20.2.0/24' },
        ],
      },
    ],
    securityGroups: [
      {
        key: 'sg-web',
        name: 'web',
        networkKey: 'net-main',
        ingress: [
          {
            protocol: 'tcp',
            fromPort: 443,
            sources: ['0.0.0.0/0'],
            description: 'HTTPS',
          },
          {
            protocol: 'tcp',
            fromPort: 22,
            sources: ['192.0.2.0/24'],
            description: 'Admin',
          },
        ],
      },
      {
        key: 'sg-app',
        name: 'app',
        networkKey: 'net-main',
        ingress: [
          { protocol: 'tcp', fromPort: 8080, sourceGroupKeys: ['sg-web'] },
        ],
      },
      {
        key: 'sg-db',
        name: 'db',
        networkKey: 'net-main',
        ingress: [
          { protocol: 'tcp', fromPort: 5432, sourceGroupKeys: ['sg-app'] },
        ],
      },
    ],
    waves: [
      {
        number: 1,
        instances: [
          {
            key: 'vm-db-01',
            name: 'db-01',
            instanceType: types.db,
            subnetKey: 'subnet-data',
            securityGroupKeys: ['sg-db'],
            os: { family: 'linux', name: 'Ubuntu 22.04' },
            rootDisk: { sizeGiB: 40, storageClass: storage },
            dataDisks: [
              {
                key: 'disk-db-01-data',
                name: 'db-01-data',
                sizeGiB: 500,
                storageClass: storage,
              },
            ],
            entityRef: 'resource:default/db-01',
          },
        ],
      },
      {
        number: 2,
        instances: [
          {
            key: 'vm-web-01',
            name: 'web-01',
            instanceType: types.web,
            subnetKey: 'subnet-web',
            securityGroupKeys: ['sg-web'],
            os: { family: 'linux' },
            rootDisk: { sizeGiB: 30, storageClass: storage },
            dataDisks: [],
            entityRef: 'resource:default/web-01',
          },
          {
            key: 'vm-app-01',
            name: 'app-01',
            instanceType: types.app,
            subnetKey: 'subnet-web',
            securityGroupKeys: ['sg-app'],
            os: { family: 'windows', name: 'Microsoft Windows Server 2019' },
            rootDisk: { sizeGiB: 128, storageClass: storage },
            dataDisks: [],
          },
        ],
      },
    ],
    ...overrides,
  };
}
