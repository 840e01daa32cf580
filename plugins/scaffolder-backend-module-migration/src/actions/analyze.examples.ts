import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Preview moving the picked resources to AWS in Ireland under GDPR',
    example: yaml.stringify({
      steps: [
        {
          id: 'analyze',
          action: 'migration:analyze',
          name: 'Preview the migration',
          input: {
            entityRefs: '${{ parameters.resources }}',
            targetProvider: 'aws',
            targetRegion: 'eu-west-1',
            complianceProfile: 'gdpr',
          },
        },
      ],
      output: {
        text: [
          { title: 'Preview', content: '${{ steps.analyze.output.preview }}' },
        ],
      },
    }),
  },
];
