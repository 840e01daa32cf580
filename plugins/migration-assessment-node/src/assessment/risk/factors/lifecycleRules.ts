import type { AssessmentRiskFactor } from '@sirsi-nexus/plugin-migration-common';
import type { RiskRule } from '../riskFactor';
import { sharedFactor } from '../riskFactor';

/**
 * Factors per end-of-life fact (one per release and assessment date, see `collectFacts`): for an
 * approaching end, the factor; for a past one, by reported OS name, without and with the Azure
 * Windows note.
 */
const endOfLifeFactors = new WeakMap<
  object,
  | AssessmentRiskFactor
  | [Map<string, AssessmentRiskFactor>, Map<string, AssessmentRiskFactor>]
>();

/** The OS is past, or within a year of, its end of support. */
export const osEndOfLife: RiskRule = (facts, target) => {
  const { os, eol } = facts;
  if (!os || !eol) return undefined;
  const r = facts.resource;
  let known = endOfLifeFactors.get(eol);
  if (eol.status === 'soon') {
    if (!known || Array.isArray(known)) {
      known = sharedFactor(
        'os-approaching-end-of-life',
        `${os.name} reaches end of life soon`,
        `Vendor support for ${os.name} ends ${eol.date}, in ${eol.days} days.`,
        'Plan the OS upgrade into the migration (replatform) rather than moving a system that will need it shortly after.',
      );
      endOfLifeFactors.set(eol, known);
    }
    return known;
  }
  if (!Array.isArray(known)) {
    known = [new Map(), new Map()];
    endOfLifeFactors.set(eol, known);
  }
  const freeOnAzure = target.provider === 'azure' && os.family === 'windows';
  const byReported = known[freeOnAzure ? 1 : 0];
  const reported = r.specs.os?.name ?? r.specs.os?.version ?? '';
  let raised = byReported.get(reported);
  if (!raised) {
    const extension = os.paidExtensionUntil
      ? ` (paid extended support until ${os.paidExtensionUntil})`
      : '';
    raised = sharedFactor(
      'os-end-of-life',
      `${os.name} is end of life`,
      `Vendor support for ${os.name} ended ${eol.date}${extension}; reported OS: "${reported}".`,
      `Upgrade the OS before the move, or replatform onto a supported image; if neither fits the schedule, buy extended security updates${
        freeOnAzure ? ' (free for Windows Server on Azure VMs)' : ''
      }.`,
    );
    byReported.set(reported, raised);
  }
  return raised;
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
