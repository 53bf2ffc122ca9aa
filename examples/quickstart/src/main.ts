import { runStory } from './story.js';

const { events, ok } = await runStory();
for (const e of events) {
  console.log(`${e.meta.at}  ${e.streamId}@${e.version}  ${e.type.padEnd(22)} ${e.meta.actor.role}  ${e.hash.slice(0, 12)}…`);
}
console.log(ok ? `verified: ${events.length} events, every hash chain intact` : 'verification FAILED');
process.exitCode = ok ? 0 : 1;
