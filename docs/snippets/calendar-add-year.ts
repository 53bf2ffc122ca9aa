// docs/calendar.md: adding a year.
import { createChinaCalendar } from '@certflow/calendar';

// #region add-year
const cal = createChinaCalendar({
  years: {
    '2027': {
      // the notice's title and number, and its date as YYYY-MM-DD (checked)
      cite: { document: '国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕N号）', date: '2026-11-12' },
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        // … each holiday day, and each make-up workday:
        { date: '2027-02-20', kind: 'workday', name: '补春节' },
      ],
    },
  },
});
console.log(cal.coverage()); // { first: 2011, last: 2027 }
// #endregion add-year
console.log(cal.isWorkday('2027-01-01'), cal.isWorkday('2027-02-20')); // false true
