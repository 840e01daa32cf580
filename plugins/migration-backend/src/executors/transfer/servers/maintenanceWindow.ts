/** Where now stands against the migration's maintenance windows (`start/end` ISO intervals). */
export type WindowPosition =
  | { kind: 'none' }
  | { kind: 'open'; start: Date; end: Date }
  | { kind: 'ahead'; start: Date; end: Date }
  | { kind: 'passed'; end: Date };

/** The window open now, else the next one, else that they all have passed. */
export function windowPosition(
  windows: string[] | undefined,
  now: Date,
): WindowPosition {
  const parsed = (windows ?? [])
    .map(w => w.split('/'))
    .map(([start, end]) => ({ start: new Date(start), end: new Date(end) }))
    .filter(
      w =>
        Number.isFinite(w.start.getTime()) && Number.isFinite(w.end.getTime()),
    )
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  if (parsed.length === 0) return { kind: 'none' };
  const open = parsed.find(w => w.start <= now && now < w.end);
  if (open) return { kind: 'open', ...open };
  const next = parsed.find(w => w.start > now);
  if (next) return { kind: 'ahead', ...next };
  return { kind: 'passed', end: parsed[parsed.length - 1].end };
}
