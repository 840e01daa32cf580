import { createHash } from 'node:crypto';

/**
 * A request id derived from `name` (a name-based UUID, version 5 layout over SHA-256): the same
 * call repeated gets the same id, which Google APIs that take `requestId` recognise as a repeat
 * (Migrate to Virtual Machines for at least 60 minutes). Never the zero UUID they reject.
 */
export function deterministicRequestId(name: string): string {
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-');
}
