import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Create and start a migration from the form, with the policy acknowledgement',
    example: yaml.stringify({
      steps: [
        {
          id: 'create',
          action: 'migration:create',
          name: 'Create the migration',
          input: {
            title: '${{ parameters.title }}',
            entityRefs: '${{ parameters.resources }}',
            targetProvider: '${{ parameters.targetProvider }}',
            targetRegion: '${{ parameters.targetRegion }}',
            complianceProfile: '${{ parameters.complianceProfile }}',
            maintenanceWindowStart: '${{ parameters.windowStart }}',
            maintenanceWindowEnd: '${{ parameters.windowEnd }}',
            justification: '${{ parameters.justification }}',
            policyAcknowledged: '${{ parameters.acknowledgePolicy }}',
          },
        },
      ],
      output: {
        links: [{ title: 'Migration', url: '${{ steps.create.output.url }}' }],
      },
    }),
  },
];
