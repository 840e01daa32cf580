import { describePorts } from '@sirsi-nexus/plugin-migration-common';
import type { RiskRule } from '../riskFactor';
import { sharedFactor } from '../riskFactor';

/** SSH, RDP, WinRM or Telnet is open to 0.0.0.0/0. */
export const adminPortOpen: RiskRule = facts => {
  if (facts.adminPorts.length === 0) return undefined;
  return sharedFactor(
    'admin-port-open-to-internet',
    'Administration port open to the internet',
    `Inbound rules allow ${describePorts(facts.adminPorts)} from 0.0.0.0/0.`,
    'Do not carry these rules over: use a bastion, VPN or the provider session manager.',
  );
};

const REACHABLE = sharedFactor(
  'public-exposure',
  'Reachable from the internet',
  'The source reports a public address or internet-wide inbound rules.',
  'Put it behind a load balancer with a web application firewall in the target and re-test exposure after cutover.',
);

/** It has a public address or internet-wide inbound rules. */
export const publicExposure: RiskRule = facts =>
  facts.publiclyExposed ? REACHABLE : undefined;

/** Its residency tag excludes the target region. */
export const residencyConflict: RiskRule = (facts, target) => {
  if (!facts.residency?.conflict) return undefined;
  return sharedFactor(
    'data-residency-conflict',
    'Data residency conflict',
    `Tagged "${facts.residency.tag}", but ${target.provider} ${
      target.region
    } is in ${facts.residency.country?.toUpperCase()}.`,
    'Retain the resource, choose a region its residency allows, or have the data owner approve the transfer.',
  );
};
