/**
 * The claim loop's sleep: it ends early when work is announced, while a back-off after errors
 * only ends early when the worker stops. A wake-up with nobody asleep is kept for the next sleep.
 */
export class WakeableSleep {
  private wake?: (force: boolean) => void;
  private pendingWake = false;

  constructor(private readonly stopped: () => boolean) {}

  /** Ends the current sleep; `force` also ends a back-off. */
  wakeUp(force = false) {
    if (this.wake) {
      this.wake(force);
    } else {
      this.pendingWake = true;
    }
  }

  /** Waits `ms`, or less when woken; a back-off (`uninterruptible`) only ends early on stop. */
  sleep(ms: number, uninterruptible = false): Promise<void> {
    return new Promise(resolve => {
      if (this.stopped() || (!uninterruptible && this.pendingWake)) {
        this.pendingWake = false;
        resolve();
        return;
      }
      let timer: NodeJS.Timeout | undefined = undefined;
      const sleeper: { wake?: (force: boolean) => void } = {};
      const finish = () => {
        clearTimeout(timer);
        if (this.wake === sleeper.wake) {
          this.wake = undefined;
        }
        resolve();
      };
      sleeper.wake = (force: boolean) => {
        if (force || !uninterruptible) {
          finish();
        }
      };
      timer = setTimeout(finish, ms);
      this.wake = sleeper.wake;
    });
  }
}
