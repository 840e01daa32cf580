import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Apply an approved migration’s Terraform with AWS keys passed as template secrets',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'migration:iac:apply',
          name: 'Apply the Terraform',
          input: {
            migrationId: '${{ parameters.migrationId }}',
            path: 'terraform',
            env: {
              AWS_ACCESS_KEY_ID: '${{ secrets.awsAccessKeyId }}',
              AWS_SECRET_ACCESS_KEY: '${{ secrets.awsSecretAccessKey }}',
            },
          },
        },
      ],
    }),
  },
];
