import type { RiskRule } from '../riskFactor';
import { sharedFactor } from '../riskFactor';

/** The OS is past, or within a year of, its end of support. */
export const osEndOfLife: RiskRule = (facts, target) => {
  const { os, eol } = facts;
  if (!os || !eol) return undefined;
  const r = facts.resource;
  if (eol.status === 'soon') {
    return sharedFactor(
      'os-approaching-end-of-life',
      `${os.name} reaches end of life soon`,
      `Vendor support for ${os.name} ends ${eol.date}, in ${eol.days} days.`,
      'Plan the OS upgrade into the migration (replatform) rather than moving a system that will need it shortly after.',
    );
  }
  const extension = os.paidExtensionUntil
    ? ` (paid extended support until ${os.paidExtensionUntil})`
    : '';
  return sharedFactor(
    'os-end-of-life',
    `${os.name} is end of life`,
    `Vendor support for ${os.name} ended ${
      eol.date
    }${extension}; reported OS: "${
      r.specs.os?.name ?? r.specs.os?.version ?? ''
    }".`,
    `Upgrade the OS before the move, or replatform onto a supported image; if neither fits the schedule, buy extended security updates${
      target.provider === 'azure' && os.family === 'windows'
        ? ' (free for Windows Server on Azure VMs)'
        : ''
    }.`,
  );
};

/** The target cloud does not accept the OS as a guest. */
export const osUnsupportedOnTarget: RiskRule = (facts, target) => {
  if (!facts.unsupportedOnTarget || !facts.os) return undefined;
  return sharedFactor(
    'os-unsupported-on-target',
    `${facts.os.name} is not supported on ${target.provider}`,
    `${facts.os.name} is not accepted as a guest OS by ${target.provider} (${facts.os.source}).`,
    'Rebuild the workload on a supported OS (replatform/refactor), or retain it where it runs.',
  );
};
