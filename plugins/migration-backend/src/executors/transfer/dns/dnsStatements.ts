import type { DnsRecordExecution } from '@sirsi-nexus/plugin-migration-common';

/** What `dns-cutover.json` says when the records were read, before any change. */
export function dnsStatements(
  rehearsal: boolean,
  records: DnsRecordExecution[],
): string[] {
  if (records.length === 0) {
    return [
      'No resource names a DNS record (tag `dns-name`), so no DNS record is switched.',
    ];
  }
  const recorded = records.filter(r => r.state === 'recorded');
  const statements = [
    `${recorded.length} of ${
      records.length
    } DNS record(s) were read from their zones and stored before any change${
      rehearsal
        ? '; this is a rehearsal, so none was changed — a real run lowers their TTL ahead of the maintenance window, switches them after the cutover and verifies every name server has the change'
        : ''
    }.`,
  ];
  for (const skipped of records.filter(r => r.state === 'skipped')) {
    statements.push(
      `${skipped.name} ${skipped.type} is skipped: ${skipped.reason}.`,
    );
  }
  return statements;
}
