import { EventEmitter } from 'node:events';

/**
 * Why running tasks are revoked: cancelled (they stop for good) or paused (they stop at their
 * next safe point and are handed back, to continue on resume).
 *
 * @public
 */
export type RevokeReason = 'cancel' | 'pause';

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

  /**
   * Running tasks of the migration (optionally only of one mode) must stop: for good (`cancel`,
   * the default) or to be handed back and resumed later (`pause`).
   */
  revoke(
    migrationId: string,
    mode?: 'run' | 'compensate',
    why: RevokeReason = 'cancel',
  ): void {
    this.emitter.emit('revoke', migrationId, mode, why);
  }

  onRevoke(
    listener: (
      migrationId: string,
      mode: 'run' | 'compensate' | undefined,
      why: RevokeReason,
    ) => void,
  ): () => void {
    this.emitter.on('revoke', listener);
    return () => this.emitter.off('revoke', listener);
  }
}
