import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Generate Terraform for picked resources, tagged with a new migration',
    example: yaml.stringify({
      steps: [
        {
          id: 'iac',
          action: 'migration:iac:generate',
          name: 'Generate Terraform',
          input: {
            migrationId: '${{ steps.create.output.migrationId }}',
            entityRefs: '${{ parameters.resources }}',
            targetProvider: 'azure',
            targetRegion: 'westeurope',
            targetPath: 'terraform',
          },
        },
      ],
    }),
  },
  {
    description:
      "Write a migration's own validated bundle, waiting up to 10 minutes for its test phase",
    example: yaml.stringify({
      steps: [
        {
          id: 'iac',
          action: 'migration:iac:generate',
          name: 'Fetch the Terraform bundle',
          input: {
            migrationId: '${{ parameters.migrationId }}',
            targetPath: 'infra',
            waitForBundleSeconds: 600,
          },
        },
      ],
    }),
  },
];
