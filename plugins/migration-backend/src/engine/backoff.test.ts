import { retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  const policy = { maxAttempts: 5, initialBackoffMs: 1000, maxBackoffMs: 5000 };

  it('doubles per attempt within [half, full] of the step, capped', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 1)).toBe(1000);
    expect(retryDelayMs(2, policy, () => 0)).toBe(1000);
    expect(retryDelayMs(3, policy, () => 1)).toBe(4000);
    expect(retryDelayMs(10, policy, () => 1)).toBe(5000);
    expect(retryDelayMs(10, policy, () => 0)).toBe(2500);
  });

  it('spreads retries of many tasks', () => {
    const delays = new Set(
      Array.from({ length: 50 }, () => retryDelayMs(2, policy)),
    );
    expect(delays.size).toBeGreaterThan(10);
  });
});
