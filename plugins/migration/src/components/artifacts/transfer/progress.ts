/** Share of `total` that is done, 0–1; 0 when the total is unknown. */
export function fraction(done: number, total: number): number {
  if (!total) return 0;
  return Math.min(1, Math.max(0, done / total));
}

/** Seconds left as `31 s`, `5 min` or `1.5 h`. */
export function formatEta(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
