import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { createAwsCapabilities } from '../capabilities/awsCapabilities';
import { TARGET, targetConfig } from '../testUtils/awsTarget';
import { ec2Error, ec2Script } from '../testUtils/ec2Wire';
import { CallLog } from '../testUtils/scriptedService';

const server = setupServer();
registerMswTestHooks(server);

/** One `<item>` of DescribeVpcs' `<vpcSet>`, as EC2 answers. */
function vpc(spec: {
  id: string;
  cidr: string;
  secondary?: Array<[cidr: string, state: string]>;
  ipv6?: string;
  name?: string;
}) {
  const associations = [[spec.cidr, 'associated'], ...(spec.secondary ?? [])]
    .map(
      ([cidr, state], i) =>
        `<item><cidrBlock>${cidr}</cidrBlock><associationId>vpc-cidr-assoc-0${i}a1b2c3d4e5f6078</associationId><cidrBlockState><state>${state}</state></cidrBlockState></item>`,
    )
    .join('');
  const ipv6 = spec.ipv6
    ? `<ipv6CidrBlockAssociationSet><item><ipv6CidrBlock>${spec.ipv6}</ipv6CidrBlock><associationId>vpc-cidr-assoc-0ffa1b2c3d4e5f607</associationId><ipv6CidrBlockState><state>associated</state></ipv6CidrBlockState><networkBorderGroup>eu-west-1</networkBorderGroup><ipv6Pool>Amazon</ipv6Pool></item></ipv6CidrBlockAssociationSet>`
    : '';
  const tags = spec.name
    ? `<tagSet><item><key>Name</key><value>${spec.name}</value></item></tagSet>`
    : '';
  return `<item><vpcId>${spec.id}</vpcId><ownerId>111122223333</ownerId><state>available</state><cidrBlock>${spec.cidr}</cidrBlock><cidrBlockAssociationSet>${associations}</cidrBlockAssociationSet>${ipv6}<dhcpOptionsId>dopt-0123456789abcdef0</dhcpOptionsId>${tags}<instanceTenancy>default</instanceTenancy><isDefault>false</isDefault></item>`;
}

function subnet(id: string, vpcId: string, cidr: string) {
  return `<item><subnetId>${id}</subnetId><subnetArn>arn:aws:ec2:eu-west-1:111122223333:subnet/${id}</subnetArn><state>available</state><ownerId>111122223333</ownerId><vpcId>${vpcId}</vpcId><cidrBlock>${cidr}</cidrBlock><ipv6CidrBlockAssociationSet/><availableIpAddressCount>251</availableIpAddressCount><availabilityZone>eu-west-1a</availabilityZone><availabilityZoneId>euw1-az1</availabilityZoneId><defaultForAz>false</defaultForAz><mapPublicIpOnLaunch>false</mapPublicIpOnLaunch></item>`;
}

const HUB = 'vpc-0a1b2c3d4e5f60718';
const EDGE = 'vpc-0fedcba9876543210';

describe('Ec2TargetNetworks', () => {
  it('lists every VPC of the target region with primary, secondary and subnet ranges, page by page', async () => {
    const log = new CallLog();
    const { script, handler } = ec2Script(log);
    server.use(handler);
    script
      .once(
        'DescribeVpcs',
        `<vpcSet>${vpc({
          id: HUB,
          cidr: '10.0.0.0/16',
          secondary: [
            ['10.1.0.0/16', 'associated'],
            ['10.9.0.0/16', 'disassociated'],
          ],
          ipv6: '2a05:d018:abc:de00::/56',
          name: 'corp-hub',
        })}</vpcSet><nextToken>page-2</nextToken>`,
        `<vpcSet>${vpc({ id: EDGE, cidr: '100.64.0.0/16' })}</vpcSet>`,
      )
      .once(
        'DescribeSubnets',
        `<subnetSet>${subnet(
          'subnet-0a1b2c3d4e5f60718',
          HUB,
          '10.1.4.0/24',
        )}${subnet('subnet-0a1b2c3d4e5f60719', HUB, '10.0.1.0/24')}${subnet(
          'subnet-0a1b2c3d4e5f60720',
          'vpc-0000000000000000f',
          '172.31.0.0/20',
        )}</subnetSet>`,
      );
    const networks = createAwsCapabilities({
      config: targetConfig(),
    }).targetNetworks!;

    expect(await networks.listNetworks(TARGET)).toEqual([
      {
        id: HUB,
        name: 'corp-hub',
        cidrs: [
          '10.0.0.0/16',
          '10.1.0.0/16',
          '2a05:d018:abc:de00::/56',
          '10.1.4.0/24',
          '10.0.1.0/24',
        ],
      },
      { id: EDGE, name: EDGE, cidrs: ['100.64.0.0/16'] },
    ]);
    expect(log.names()).toEqual([
      'ec2:DescribeVpcs',
      'ec2:DescribeVpcs',
      'ec2:DescribeSubnets',
    ]);
    expect(log.requests('ec2:DescribeVpcs')[1]).toMatchObject({
      NextToken: 'page-2',
    });
  });

  it('passes on what EC2 refuses, with its message', async () => {
    const log = new CallLog();
    const { script, handler } = ec2Script(log);
    server.use(handler);
    script.always(
      'DescribeVpcs',
      ec2Error(
        'UnauthorizedOperation',
        'You are not authorized to perform this operation.',
        403,
      ),
    );
    const networks = createAwsCapabilities({
      config: targetConfig(),
    }).targetNetworks!;
    await expect(networks.listNetworks(TARGET)).rejects.toThrow(
      'You are not authorized to perform this operation.',
    );
  });
});
