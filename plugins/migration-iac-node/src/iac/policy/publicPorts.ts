import type {
  IacCheckResult,
  IacFinding,
} from '@sirsi-nexus/plugin-migration-common';
import type { ParsedModule } from '../validate/module';
import type { PolicyOptions } from './checks';
import { inboundRules } from './inboundRules';
import { locate, result } from './policyContext';
import {
  PUBLIC_WEB_PORTS,
  isOpenToInternet,
  sensitivePortsIn,
  severity,
} from './rules';

/** No SSH/RDP/WinRM or database ports open to 0.0.0.0/0; other internet-facing ports warn. */
export function noPublicAdminPorts(
  modules: ParsedModule[],
  options: PolicyOptions,
): IacCheckResult {
  const findings: IacFinding[] = [];
  let checked = 0;
  for (const module of modules) {
    for (const rule of inboundRules(module)) {
      checked++;
      const open = rule.sources.filter(isOpenToInternet);
      if (open.length === 0 || !rule.ports) continue;
      const [from, to] = rule.ports;
      const sensitive = sensitivePortsIn(from, to);
      const where = locate(module, rule.block, rule.attribute);
      if (sensitive.length > 0) {
        const admin = severity(
          options.complianceProfile,
          'adminPortsFromInternet',
        );
        const database = severity(
          options.complianceProfile,
          'databasePortsFromInternet',
        );
        const worst = sensitive.some(p =>
          p.kind === 'admin' ? admin === 'fail' : database === 'fail',
        );
        findings.push({
          status: worst ? 'fail' : 'warn',
          ...where,
          message: `${rule.block.address} opens ${sensitive
            .map(p => `${p.name} (${p.port})`)
            .join(', ')} to ${open[0]}`,
          remediation:
            'Restrict the source to your admin network or a bastion, or use a session manager instead of open ports',
        });
      } else if (!(from === to && PUBLIC_WEB_PORTS.has(from))) {
        findings.push({
          status: 'warn',
          ...where,
          message: `${rule.block.address} opens port${
            from === to ? ` ${from}` : `s ${from}-${to}`
          } to ${open[0]}`,
          remediation:
            'Confirm this port must face the internet, or restrict its sources',
        });
      }
    }
  }
  return result(
    'policy.no-public-admin-ports',
    'No admin or database ports open to the internet',
    checked,
    findings,
  );
}
