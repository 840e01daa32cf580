/** Rounds to `digits` decimals (half away from zero), without binary-fraction surprises like 1.005 → 1. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return (
    Math.sign(value) * (Math.round(Math.abs(value) * factor + 1e-9) / factor)
  );
}

/** Sums and rounds to cents. */
export function sumMoney(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return round(total, 2);
}

/** Mebibytes to gibibytes. */
export function mibToGiB(mib: number): number {
  return mib / 1024;
}
