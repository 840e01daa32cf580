import { EventEmitter } from 'node:events';

/**
 * In-process notifications between the engine's parts of one replica: "work may be ready" wakes
 * idle workers at once, and "tasks revoked" aborts this replica's running tasks of a migration
 * without waiting for the next heartbeat. Other replicas learn the same from the database.
 *
 * @public
 */
export class LocalEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  workAvailable(): void {
    this.emitter.emit('work');
  }

  onWorkAvailable(listener: () => void): () => void {
    this.emitter.on('work', listener);
    return () => this.emitter.off('work', listener);
  }

  /** Running tasks of the migration (optionally only of one mode) must stop. */
  revoke(migrationId: string, mode?: 'run' | 'compensate'): void {
    this.emitter.emit('revoke', migrationId, mode);
  }

  onRevoke(
    listener: (migrationId: string, mode?: 'run' | 'compensate') => void,
  ): () => void {
    this.emitter.on('revoke', listener);
    return () => this.emitter.off('revoke', listener);
  }
}
