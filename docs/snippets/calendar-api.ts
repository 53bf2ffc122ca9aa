// docs/calendar.md: creating the calendar.
// #region create
import { createChinaCalendar } from '@certflow/calendar';

const cal = createChinaCalendar(); // or createChinaCalendar(options): a year, overrides (below)
console.log(cal.toLocalDate('2020-10-08T20:00:00Z')); // 2020-10-09
// #endregion create
