/**
 * Chunk buffers for reuse: a fresh multi-MiB buffer per read costs page faults and garbage
 * collection that dominate a fast local copy.
 */
export class BufferPool {
  private readonly free: Buffer[] = [];

  constructor(private readonly size: number) {}

  /** Lends a buffer to `fn` and takes it back when `fn` settles. */
  async use<T>(fn: (buffer: Buffer) => Promise<T>): Promise<T> {
    const buffer = this.free.pop() ?? Buffer.allocUnsafeSlow(this.size);
    try {
      return await fn(buffer);
    } finally {
      this.free.push(buffer);
    }
  }
}
