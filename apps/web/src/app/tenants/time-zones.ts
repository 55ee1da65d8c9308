/** The browser's own time zone, or UTC. */
export function defaultTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** IANA time zones the browser knows (with the default first among them), or null if it can't list them. */
export function timeZoneOptions(preferred: string = defaultTimeZone()): string[] | null {
  const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  if (!list.length) return null;
  const zones = new Set(list);
  zones.add('UTC');
  zones.add(preferred);
  return [...zones].sort((a, b) => a.localeCompare(b));
}
