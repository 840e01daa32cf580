/** A configured wait in words: `90 s`, `120 minute(s)`. */
export function durationText(ms: number): string {
  return ms < 60_000
    ? `${Math.round(ms / 1000)} s`
    : `${Math.round(ms / 60_000)} minute(s)`;
}
