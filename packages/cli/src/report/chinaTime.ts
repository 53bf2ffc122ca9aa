/**
 * An instant as a person in China reads it: `2020-05-20 10:00` in China time
 * (UTC+8, no daylight saving), whatever the host's TZ. Reports show this;
 * the JSON report keeps the recorded ISO instant.
 */
export function chinaTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
