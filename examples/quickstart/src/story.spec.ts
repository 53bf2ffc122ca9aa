import { describe, expect, it } from 'vitest';
import { runStory } from './story.js';

describe('quickstart story', () => {
  it('writes a verifiable log', async () => {
    const { events, ok } = await runStory();
    expect(ok).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['ApplicationSubmitted', 'ApplicationAccepted']);
  });
});
