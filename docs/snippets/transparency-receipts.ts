// docs/transparency.md: receipts — each certificate's inclusion proof, from the IssueCertificates result itself.
// The test pack's exam is run up to its confirmed results first (confirmExam, outside the quoted region).
import { generateNoteKey, memoryStore, type Actor, type Engine } from '@certflow/core';
import { testCalendar, testExamPlan, testProfile, testRoster, testRulePack } from '@certflow/core/fixtures';

const store = memoryStore();
const key = generateNoteKey('certflow.jinan.example/log'); // key.skey signs, key.vkey is published
const org: Actor = { id: 'org-1', role: 'applicant' };
const centre: Actor = { id: 'centre-jinan', role: 'city-center' };
let now = new Date('2020-06-01T10:00:00+08:00');
const clock = () => now;

/** Files the organization and runs its exam up to confirmed results (two of three candidates pass). */
async function confirmExam(engine: Engine): Promise<void> {
  const on = (day: string) => {
    now = new Date(`2020-06-${day}T10:00:00+08:00`);
  };
  const app = 'application-a1';
  const exam = 'exam-e1';
  on('01');
  await engine.applications.submit({ streamId: app, actor: org, payload: { ...testProfile(), rulePack: 'test-pack' } });
  on('02');
  await engine.applications.accept({ streamId: app, actor: centre });
  on('03');
  await engine.applications.startPublicity({ streamId: app, actor: centre });
  on('10');
  await engine.applications.completeFiling({ streamId: app, actor: centre, payload: { organizationCode: '0001' } });
  on('11');
  await engine.exams.plan({ streamId: exam, actor: org, payload: testExamPlan(app, '2020-06-22') });
  on('15');
  await engine.exams.file({ streamId: exam, actor: org });
  on('22');
  const results = testRoster().map((c, i) => ({ idNumber: c.idNumber, passed: i !== 1, score: i !== 1 ? 80 : 40 }));
  await engine.exams.recordResults({ streamId: exam, actor: org, payload: { results } });
  on('23');
  await engine.exams.startResultsPublicity({ streamId: exam, actor: org });
  on('30');
  await engine.exams.confirmResults({ streamId: exam, actor: centre });
}

// #region receipts
import { createEngine, noteSigner, verifyProofBundle } from '@certflow/core';

const engine = createEngine({
  store,
  rulePacks: [testRulePack],
  calendar: testCalendar(),
  clock,
  receipts: { signer: noteSigner(key.skey) },
});
await confirmExam(engine); // the exam planned, filed, its results recorded and confirmed
const issued = await engine.exams.issueCertificates({ streamId: 'exam-e1', actor: org });
for (const receipt of await issued.receipts!()) {
  // hand receipt.signed to the holder: anyone with the log's vkey checks it offline
  const { checkpoint } = verifyProofBundle(receipt.signed, key.vkey);
  console.log(receipt.number, 'is entry', receipt.leafIndex, 'of', checkpoint.size);
  // S000137000123205000001 is entry 12 of 14
  // S000137000123205000002 is entry 13 of 14
}
// #endregion receipts
