// packages/calendar/README.md
// #region calendar
import { createChinaCalendar, CalendarCoverageError } from '@certflow/calendar';

const cal = createChinaCalendar();
console.log(cal.toLocalDate(new Date('2020-10-08T20:00:00Z'))); // 2020-10-09 — China time
console.log(cal.isWorkday('2020-01-31')); // false — 2020 Spring Festival extension
console.log(cal.nextWorkday('2020-09-30')); // 2020-10-09 — across the 8-day holiday
console.log(cal.addWorkdays('2020-09-28', 5)); // 2020-10-12
console.log(cal.workdaysBetween('2019-12-31', '2020-12-31')); // 249
console.log(cal.dayKind('2020-09-27')); // { date: '2020-09-27', kind: 'makeup-workday', isWorkday: true, … name: '补国庆节' }
console.log(cal.dueWithin('2021-04-30', 10)); // 2021-05-18 — "within 10 working days after"
console.log(cal.latestBefore('2020-10-09', 5)); // 2020-09-25 — "at least 5 working days before"
console.log(cal.coverage()); // { first: 2011, last: 2026 } — published years
console.log(cal.provisionalCoverage()); // { first: 2027, last: 2028 } — statutory holidays only

// 2027 is not published yet: 除夕 2027-02-05 is a statutory holiday (国务院令第795号), and the answer says it is provisional.
const eve = cal.dayKind('2027-02-05');
console.log(eve.kind, eve.name, eve.provisional); // holiday 春节 true
console.log(cal.addWorkdaysWithBasis('2027-02-04', 1).provisional); // true

try {
  cal.isWorkday('2029-03-01'); // beyond the provisional years
} catch (e) {
  if (e instanceof CalendarCoverageError) console.log(e.year, e.code); // 2029 CALENDAR_COVERAGE
}
// #endregion calendar
