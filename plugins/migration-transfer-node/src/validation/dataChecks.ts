import type {
  TransferReport,
  ValidationCheck,
} from '@sirsi-nexus/plugin-migration-common';
import { now } from './pendingCheck';
import type { ValidationInput } from './runValidation';

type TransferredObject = TransferReport['status']['objects'][number];

function manifestMessage(
  missing: string[],
  completed: number,
  total: number,
  status: TransferReport['status'],
) {
  if (missing.length) {
    return `${missing.length} object(s) missing at the target: ${missing
      .slice(0, 10)
      .join(', ')}`;
  }
  if (completed < total)
    return `${total - completed} of ${total} object(s) did not complete`;
  return `${total} object(s) at the target, ${status.bytesTransferred} of ${status.totalBytes} bytes`;
}

function noTransferCheck(at: string): ValidationCheck {
  return {
    id: 'data.transfer',
    category: 'data',
    name: 'Data transfer completed',
    status: 'warning',
    message: 'No transfer report exists: no data was moved by this migration',
    metrics: {},
    remediation:
      'Run the transfer phase, or ignore if the workload has no data to move',
    startedAt: at,
    completedAt: at,
  };
}

function manifestCheck(
  transfer: TransferReport,
  expectedObjects: string[] | undefined,
  at: string,
): ValidationCheck {
  const { status } = transfer;
  const objects = status.objects;
  const moved = new Set(
    objects.filter(o => o.state === 'completed').map(o => o.name),
  );
  const missing = (expectedObjects ?? []).filter(n => !moved.has(n));
  const failed = missing.length || moved.size < objects.length;
  return {
    id: 'data.manifest',
    category: 'data',
    name: 'Every planned object arrived',
    status: failed ? 'failed' : 'passed',
    message: manifestMessage(missing, moved.size, objects.length, status),
    target: transfer.destination,
    metrics: {
      objects: objects.length,
      completed: moved.size,
      expected: expectedObjects?.length ?? objects.length,
      bytes: status.bytesTransferred,
      totalBytes: status.totalBytes,
      errors: status.errors.length,
    },
    remediation: failed
      ? 'Retry the transfer task; it resumes from its manifest and sends only what is missing'
      : undefined,
    startedAt: at,
    completedAt: at,
  };
}

function checksumCheck(object: TransferredObject, at: string): ValidationCheck {
  const ok = object.verified === true && Boolean(object.sha256);
  return {
    id: `data.checksum.${object.id}`,
    category: 'data',
    name: `Checksums of ${object.name}`,
    status: ok ? 'passed' : 'failed',
    message: ok
      ? `All ${object.chunks} chunk digests read back from the target match the source (${object.sha256})`
      : `${object.name} was not verified against its source digests`,
    target: object.target,
    metrics: {
      bytes: object.totalBytes,
      chunks: object.chunks,
      chunksDone: object.chunksDone,
      sha256: object.sha256 ?? '',
      verified: object.verified === true,
    },
    remediation: ok
      ? undefined
      : 'Retry the transfer: verification re-reads the target and re-sends chunks that differ',
    startedAt: at,
    completedAt: at,
  };
}

/** The data checks: every planned object arrived, and each one's checksums match. */
export function dataChecks(input: ValidationInput): ValidationCheck[] {
  const at = now();
  const transfer = input.transfer;
  if (!transfer) return [noTransferCheck(at)];
  return [
    manifestCheck(transfer, input.expectedObjects, at),
    ...transfer.status.objects.map(object => checksumCheck(object, at)),
  ];
}
