// docs/calendar.md: a regional override.
import { createChinaCalendar } from '@certflow/calendar';

// #region override
const province = createChinaCalendar({
  overrides: ['2020-02-03', '2020-02-04', '2020-02-05', '2020-02-06', '2020-02-07'].map((date) => ({
    date,
    kind: 'holiday',
    name: '延迟复工',
    cite: { document: '<the province’s notice: title and number>', date: '2020-02-01' }, // its date, YYYY-MM-DD
  })),
});
console.log(province.nextWorkday('2020-01-23')); // 2020-02-10 — the national calendar says 2020-02-03
// #endregion override
console.log(createChinaCalendar().nextWorkday('2020-01-23')); // 2020-02-03
