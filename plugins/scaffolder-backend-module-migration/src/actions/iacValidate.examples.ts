import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Validate the generated Terraform, accepting warnings',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'migration:iac:validate',
          name: 'Validate the Terraform',
          input: { path: 'terraform', allowWarnings: true },
        },
      ],
      output: {
        text: [
          {
            title: 'Validation',
            content:
              'Terraform validation: ${{ steps.validate.output.status }}',
          },
        ],
      },
    }),
  },
];
