import { backoffDelay, sleep, withRetry } from './retry';

const settings = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };

describe('backoffDelay', () => {
  it('grows exponentially within the upper half of each window, capped', () => {
    for (let i = 0; i < 50; i++) {
      const first = backoffDelay(1, settings);
      const third = backoffDelay(3, settings);
      const tenth = backoffDelay(10, settings);
      expect(first).toBeGreaterThanOrEqual(50);
      expect(first).toBeLessThanOrEqual(100);
      expect(third).toBeGreaterThanOrEqual(200);
      expect(third).toBeLessThanOrEqual(400);
      expect(tenth).toBeGreaterThanOrEqual(500);
      expect(tenth).toBeLessThanOrEqual(1000);
    }
  });

  it('jitters', () => {
    const values = new Set(
      Array.from({ length: 20 }, () => backoffDelay(5, settings)),
    );
    expect(values.size).toBeGreaterThan(1);
  });
});

describe('withRetry', () => {
  const fast = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

  it('retries retryable errors until success', async () => {
    const fn = jest
      .fn()
      .mockRejectedValueOnce(new Error('throttled'))
      .mockResolvedValueOnce('ok');
    const onRetry = jest.fn();
    await expect(
      withRetry(fn, { settings: fast, retryable: () => true, onRetry }),
    ).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(2);
    expect(onRetry).toHaveBeenCalledWith(
      expect.any(Error),
      1,
      expect.any(Number),
    );
  });

  it('gives up after maxAttempts and on errors that are not retryable', async () => {
    const always = jest.fn().mockRejectedValue(new Error('throttled'));
    await expect(
      withRetry(always, { settings: fast, retryable: () => true }),
    ).rejects.toThrow('throttled');
    expect(always).toHaveBeenCalledTimes(3);
    const denied = jest.fn().mockRejectedValue(new Error('denied'));
    await expect(
      withRetry(denied, { settings: fast, retryable: () => false }),
    ).rejects.toThrow('denied');
    expect(denied).toHaveBeenCalledTimes(1);
  });

  it('waits at least the retry-after the server asked for', async () => {
    const onRetry = jest.fn();
    const fn = jest
      .fn()
      .mockRejectedValueOnce(new Error('429'))
      .mockResolvedValueOnce(1);
    const patient = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 50 };
    await withRetry(fn, { settings: patient, retryable: () => 20, onRetry });
    expect(onRetry.mock.calls[0][2]).toBe(20);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('gives up rather than retry sooner than a retry-after above maxDelayMs', async () => {
    const onRetry = jest.fn();
    const fn = jest.fn().mockRejectedValue(new Error('429'));
    await expect(
      withRetry(fn, { settings: fast, retryable: () => 60_000, onRetry }),
    ).rejects.toThrow('429');
    expect(fn).toHaveBeenCalledTimes(1);
    expect(onRetry).not.toHaveBeenCalled();
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const fn = jest.fn().mockRejectedValue(new Error('throttled'));
    const run = withRetry(fn, {
      settings: { maxAttempts: 5, baseDelayMs: 10_000, maxDelayMs: 10_000 },
      retryable: () => true,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('stop')), 5);
    await expect(run).rejects.toThrow('stop');
    await expect(sleep(10, controller.signal)).rejects.toThrow('stop');
  });
});
