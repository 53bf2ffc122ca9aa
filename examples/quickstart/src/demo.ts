import { createChinaCalendar } from '@certflow/calendar';
import { createEngine, verifyLog, type EventStore, type StoredEvent, type VerifyResult } from '@certflow/core';
import { runStory, type Story, type StoryResult } from './runner.js';
import { refreshDisplay } from './details.js';
import { stories as allStories } from './stories/index.js';
import { formatStory } from './timeline.js';

export interface DemoResult {
  stories: StoryResult[];
  events: number;
  streams: number;
  verify: VerifyResult;
}

/**
 * Runs every story on one store with one engine (all packs, the China
 * working-day calendar, a fixed clock each story moves), then reads the whole
 * log back and verifies it. `print` receives the timeline as it is written.
 */
export async function runDemo(
  store: EventStore,
  print: (text: string) => void = () => {},
  stories: Story[] = allStories,
): Promise<DemoResult> {
  let now = new Date('2020-01-01T00:00:00+08:00');
  const engine = createEngine({
    store,
    rulePacks: stories.map((s) => s.pack),
    calendar: createChinaCalendar(),
    clock: () => now,
  });
  const results: StoryResult[] = [];
  for (const story of stories) {
    const result = await runStory(
      story,
      engine,
      (d) => (now = d),
      () => refreshDisplay(store),
    );
    print(formatStory(result));
    results.push(result);
  }
  const events: StoredEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  // With a vault (format 2), the check also opens every commitment.
  const vault = store.vault ? await store.vault.rows() : undefined;
  return {
    stories: results,
    events: events.length,
    streams: new Set(events.map((e) => e.streamId)).size,
    verify: verifyLog(events, vault ? { personal: { vault } } : {}),
  };
}
