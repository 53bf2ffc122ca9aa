const MAX = 240;

function render(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  const parts = Object.entries(value as Record<string, unknown>)
    // Decisions have their own section; do not repeat them in the timeline.
    .filter(([k]) => k !== 'decision' && k !== 'decisions')
    .map(([k, v]) => `${k}: ${render(v)}`);
  return `{${parts.join(', ')}}`;
}

/** A short, readable one-line summary of an event's (already masked) data for the timeline. */
export function briefData(data: unknown): string {
  let text = render(data);
  if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1);
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}
