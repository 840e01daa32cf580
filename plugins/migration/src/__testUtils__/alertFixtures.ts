import type { ReceivedAlert } from '@sirsi-nexus/plugin-migration-common';

/** A received alert as `GET /migrations/{id}/monitoring` returns it. */
export function receivedAlert(over: Partial<ReceivedAlert>): ReceivedAlert {
  return {
    fingerprint: 'c0ffee0000000001',
    status: 'firing',
    alertname: 'InstanceDown',
    severity: 'critical',
    summary: 'Target is down',
    labels: { alertname: 'InstanceDown', instance: '10.0.1.5:9100' },
    annotations: { summary: 'Target is down' },
    startsAt: '2025-03-02T08:00:00.000Z',
    firstReceivedAt: '2025-03-02T08:00:05.000Z',
    lastReceivedAt: '2025-03-02T08:00:05.000Z',
    receiveCount: 1,
    instance: '10.0.1.5',
    ...over,
  };
}
