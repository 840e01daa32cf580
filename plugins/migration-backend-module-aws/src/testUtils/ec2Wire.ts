/*
 * EC2 as it answers on the wire: the Query protocol (`POST /` with form fields, `Action=…`) and
 * XML responses in the 2016-11-15 namespace; errors as `<Response><Errors><Error>`.
 */
import { http, HttpResponse } from 'msw';
import { CallLog, Script } from './scriptedService';

const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

export function ec2Script(log: CallLog, region = 'eu-west-1') {
  const script = new Script('ec2', log, (inner, op) =>
    xml(
      `<${op}Response xmlns="${NS}"><requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>${inner}</${op}Response>`,
    ),
  );
  const handler = http.post(
    new RegExp(`^https://ec2\\.${region}\\.amazonaws\\.com/?$`),
    async ({ request }) => {
      const form = Object.fromEntries(
        new URLSearchParams(await request.text()),
      );
      return script.respond(form.Action, form);
    },
  );
  return { script, handler };
}

function xml(body: string, status = 200) {
  return new HttpResponse(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`, {
    status,
    headers: { 'Content-Type': 'text/xml;charset=UTF-8' },
  });
}

export function ec2Error(code: string, message: string, status = 400) {
  return xml(
    `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>c1e5d2f0-9a1b-4c3d-8e7f-000000000001</RequestID></Response>`,
    status,
  );
}

/** `<reservationSet>` of DescribeInstances with one instance per entry. */
export function reservations(
  instances: Array<{
    id: string;
    privateIp: string;
    publicIp?: string;
    state?: string;
  }>,
) {
  return `<reservationSet>${instances
    .map(
      i =>
        `<item><reservationId>r-${
          i.id
        }</reservationId><ownerId>111122223333</ownerId><groupSet/><instancesSet><item><instanceId>${
          i.id
        }</instanceId><imageId>ami-0abcdef1234567890</imageId><instanceState><code>16</code><name>${
          i.state ?? 'running'
        }</name></instanceState><instanceType>m6i.large</instanceType><subnetId>subnet-0a1b2c3d4e5f60718</subnetId><vpcId>vpc-0123456789abcdef0</vpcId><privateIpAddress>${
          i.privateIp
        }</privateIpAddress>${
          i.publicIp ? `<ipAddress>${i.publicIp}</ipAddress>` : ''
        }<networkInterfaceSet><item><networkInterfaceId>eni-0123456789abcdef0</networkInterfaceId><privateIpAddressesSet><item><privateIpAddress>${
          i.privateIp
        }</privateIpAddress><primary>true</primary></item></privateIpAddressesSet></item></networkInterfaceSet></item></instancesSet></item>`,
    )
    .join('')}</reservationSet>`;
}

/** `<launchTemplateVersionSet>` of DescribeLaunchTemplateVersions with the default version. */
export function launchTemplateVersion(spec: {
  templateId: string;
  version: number;
  instanceType?: string;
  subnetId?: string;
  groups?: string[];
  privateIp?: string;
  tags?: Record<string, string>;
}) {
  const tagSet = (tags: Record<string, string>) =>
    `<tagSet>${Object.entries(tags)
      .map(([k, v]) => `<item><key>${k}</key><value>${v}</value></item>`)
      .join('')}</tagSet>`;
  return `<launchTemplateVersionSet><item><launchTemplateId>${
    spec.templateId
  }</launchTemplateId><launchTemplateName>${
    spec.templateId
  }-mgn</launchTemplateName><versionNumber>${
    spec.version
  }</versionNumber><createTime>2025-02-20T08:00:00.000Z</createTime><createdBy>arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForApplicationMigrationService/mgn</createdBy><defaultVersion>true</defaultVersion><launchTemplateData>${
    spec.instanceType ? `<instanceType>${spec.instanceType}</instanceType>` : ''
  }<networkInterfaceSet><item><deviceIndex>0</deviceIndex><associatePublicIpAddress>false</associatePublicIpAddress><deleteOnTermination>true</deleteOnTermination>${
    spec.subnetId ? `<subnetId>${spec.subnetId}</subnetId>` : ''
  }${
    spec.privateIp
      ? `<privateIpAddress>${spec.privateIp}</privateIpAddress>`
      : ''
  }<groupSet>${(spec.groups ?? [])
    .map(g => `<groupId>${g}</groupId>`)
    .join('')}</groupSet></item></networkInterfaceSet><tagSpecificationSet>${
    spec.tags
      ? `<item><resourceType>instance</resourceType>${tagSet(
          spec.tags,
        )}</item><item><resourceType>volume</resourceType>${tagSet(
          spec.tags,
        )}</item>`
      : ''
  }</tagSpecificationSet></launchTemplateData></item></launchTemplateVersionSet>`;
}
