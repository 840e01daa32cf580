import { byLayer, layerOf, plannedChanges, redactPlan } from './terraformSteps';

describe('terraform steps', () => {
  it('orders resources network → security → storage → compute → monitoring', () => {
    const ordered = byLayer(
      [
        'aws_cloudwatch_metric_alarm.cpu',
        'aws_instance.web',
        'aws_ebs_volume.data',
        'aws_vpc_security_group_ingress_rule.https',
        'aws_subnet.a',
        'aws_vpc.main',
        'module.db.azurerm_linux_virtual_machine.db',
      ].map(address => ({ address })),
    ).map(r => `${layerOf(r.address)}:${r.address}`);
    expect(ordered).toEqual([
      'network:aws_subnet.a',
      'network:aws_vpc.main',
      'security:aws_vpc_security_group_ingress_rule.https',
      'storage:aws_ebs_volume.data',
      'compute:aws_instance.web',
      'compute:module.db.azurerm_linux_virtual_machine.db',
      'monitoring:aws_cloudwatch_metric_alarm.cpu',
    ]);
  });

  it('reads planned changes from the -json stream', () => {
    expect(
      plannedChanges([
        { type: 'version' },
        {
          type: 'planned_change',
          change: { resource: { addr: 'aws_instance.web' }, action: 'replace' },
        },
        {
          type: 'planned_change',
          change: { resource: { addr: 'aws_vpc.main' }, action: 'create' },
        },
      ]),
    ).toEqual([
      { address: 'aws_vpc.main', action: 'create', status: 'pending' },
      { address: 'aws_instance.web', action: 'replace', status: 'pending' },
    ]);
  });

  it('keeps sensitive values and variables out of the stored plan', () => {
    const redacted = redactPlan({
      format_version: '1.2',
      variables: { db_password: { value: 'hunter2-hunter2' } },
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'aws_db_instance.orders',
              mode: 'managed',
              type: 'aws_db_instance',
              name: 'orders',
              values: {
                password: 'hunter2-hunter2',
                storage_encrypted: true,
                tags: { owner: 'x' },
              },
              sensitive_values: { password: true, tags: {} },
            },
          ],
        },
      },
      resource_changes: [
        {
          address: 'aws_db_instance.orders',
          type: 'aws_db_instance',
          name: 'orders',
          change: {
            actions: ['create'],
            after: { password: 'hunter2-hunter2' },
          },
        },
      ],
    });
    expect(JSON.stringify(redacted)).not.toContain('hunter2');
    expect(redacted.planned_values.root_module.resources[0].values).toEqual({
      password: '(sensitive)',
      storage_encrypted: true,
      tags: { owner: 'x' },
    });
    expect(redacted.resource_changes).toEqual([
      {
        address: 'aws_db_instance.orders',
        type: 'aws_db_instance',
        name: 'orders',
        actions: ['create'],
      },
    ]);
  });
});
