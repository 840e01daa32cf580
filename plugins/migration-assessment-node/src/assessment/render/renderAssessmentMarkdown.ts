import type { Assessment } from '@sirsi-nexus/plugin-migration-common';
import { escapeMarkdown, type SectionContext } from './markdown';
import {
  complianceSection,
  costSection,
  scheduleSection,
  warningsSection,
} from './outcomeSections';
import { advisorSection, summarySection } from './overviewSections';
import {
  cyclicMoveGroupsSection,
  sharedServicesSection,
  wavesSection,
} from './planSections';
import { resourcesSection, risksSection } from './resourceSections';

/** The sections in the order the report shows them; a section with nothing to say is empty. */
const SECTIONS: ReadonlyArray<
  (a: Assessment, ctx: SectionContext) => string[]
> = [
  summarySection,
  advisorSection,
  wavesSection,
  sharedServicesSection,
  cyclicMoveGroupsSection,
  resourcesSection,
  risksSection,
  complianceSection,
  costSection,
  scheduleSection,
  warningsSection,
];

/**
 * Renders the `assessment.md` artifact: a readable report of an assessment for people. Every
 * string that came from an inventory or from the advisor is escaped.
 *
 * @public
 */
export function renderAssessmentMarkdown(a: Assessment): string {
  const byId = new Map(a.resources.map(r => [r.id, r]));
  const ctx: SectionContext = {
    currency: a.inputs.currency,
    name: id => escapeMarkdown(byId.get(id)?.name ?? id),
  };
  const lines = SECTIONS.flatMap(section => section(a, ctx));
  return `${lines.join('\n')}\n`;
}
