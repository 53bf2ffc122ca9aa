import type { CalendarCitation, CalendarLayer } from '../types.js';
import { CHINESE_WORKDAY_VERSION } from './chineseWorkday.js';

// The State Council's notices for each year; each correction below cites the
// notice that contradicts chinese-workday's table.
const notice2011: CalendarCitation = {
  document: '国务院办公厅关于2011年部分节假日安排的通知（国办发明电〔2010〕40号）',
  date: '2010-12-09',
  url: 'https://www.gov.cn/zwgk/2010-12/09/content_1761783.htm',
};
const notice2012: CalendarCitation = {
  document: '国务院办公厅关于2012年部分节假日安排的通知（国办发明电〔2011〕45号）',
  date: '2011-12-05',
  url: 'https://www.gov.cn/zwgk/2011-12/08/content_1993330.htm',
};
const notice2013: CalendarCitation = {
  document: '国务院办公厅关于2013年部分节假日安排的通知（国办发明电〔2012〕33号）',
  date: '2012-12-08',
  url: 'http://www.gov.cn/zwgk/2012-12/08/content_2283018.htm',
};
const notice2014: CalendarCitation = {
  document: '国务院办公厅关于2014年部分节假日安排的通知（国办发明电〔2013〕28号）',
  date: '2013-12-11',
  url: 'http://www.gov.cn/zhengce/content/2013-12/11/content_2545128.htm',
};
const victoryDay2015: CalendarCitation = {
  document: '国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知（国发明电〔2015〕1号）',
  date: '2015-05-13',
};
const notice2018: CalendarCitation = {
  document: '国务院办公厅关于2018年部分节假日安排的通知（国办发明电〔2017〕12号）',
  date: '2017-11-30',
  url: 'https://www.gov.cn/zhengce/content/2017-11/30/content_5243579.htm',
};
const notice2023: CalendarCitation = {
  document: '国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号）',
  date: '2022-12-08',
  url: 'https://www.gov.cn/zhengce/zhengceku/2022-12/08/content_5730844.htm',
};

const victoryDay = '中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日';

/**
 * Days where chinese-workday's tables disagree with the published notices.
 * `ordinary` returns a day to the plain rule (a wrong holiday on a weekday,
 * a wrong make-up workday on a weekend).
 */
export const CHINESE_WORKDAY_CORRECTIONS: CalendarLayer = {
  id: 'corrections',
  description: `Corrections to chinese-workday ${CHINESE_WORKDAY_VERSION}, checked against the State Council's notices`,
  entries: [
    // 2011: 春节 1月30日（星期日）、2月12日（星期六）上班; 清明节 4月2日（星期六）上班.
    { date: '2011-01-29', kind: 'ordinary', cite: notice2011 },
    { date: '2011-02-12', kind: 'workday', name: '补春节', cite: notice2011 },
    { date: '2011-04-02', kind: 'workday', name: '补清明节', cite: notice2011 },
    // 2012: 2011年12月31日、1月29日、3月31日、4月1日、4月28日上班; 中秋节、国庆节 9月30日至10月7日.
    { date: '2011-12-31', kind: 'workday', name: '补元旦', cite: notice2012 },
    { date: '2012-01-29', kind: 'workday', name: '补春节', cite: notice2012 },
    { date: '2012-03-31', kind: 'workday', name: '补清明节', cite: notice2012 },
    { date: '2012-04-01', kind: 'workday', name: '补清明节', cite: notice2012 },
    { date: '2012-04-28', kind: 'workday', name: '补劳动节', cite: notice2012 },
    { date: '2012-09-30', kind: 'holiday', name: '中秋节', cite: notice2012 },
    { date: '2012-10-08', kind: 'ordinary', cite: notice2012 },
    // 2013: 4月7日、4月27日、4月28日、6月8日、6月9日、10月12日上班.
    { date: '2013-04-07', kind: 'workday', name: '补清明节', cite: notice2013 },
    { date: '2013-04-27', kind: 'workday', name: '补劳动节', cite: notice2013 },
    { date: '2013-04-28', kind: 'workday', name: '补劳动节', cite: notice2013 },
    { date: '2013-06-08', kind: 'workday', name: '补端午节', cite: notice2013 },
    { date: '2013-06-09', kind: 'workday', name: '补端午节', cite: notice2013 },
    { date: '2013-10-12', kind: 'workday', name: '补国庆节', cite: notice2013 },
    // 2014: 元旦 1月1日放假1天 (no make-up day); 端午节 6月2日放假，与周末连休;
    // 中秋节 9月8日放假，与周末连休; 国庆节 10月11日（星期六）上班.
    { date: '2013-12-29', kind: 'ordinary', cite: notice2014 },
    { date: '2014-05-31', kind: 'holiday', name: '端午节', cite: notice2014 },
    { date: '2014-06-01', kind: 'holiday', name: '端午节', cite: notice2014 },
    { date: '2014-06-03', kind: 'ordinary', cite: notice2014 },
    { date: '2014-06-04', kind: 'ordinary', cite: notice2014 },
    { date: '2014-09-06', kind: 'holiday', name: '中秋节', cite: notice2014 },
    { date: '2014-09-07', kind: 'holiday', name: '中秋节', cite: notice2014 },
    { date: '2014-09-09', kind: 'ordinary', cite: notice2014 },
    { date: '2014-09-10', kind: 'ordinary', cite: notice2014 },
    { date: '2014-10-11', kind: 'workday', name: '补国庆节', cite: notice2014 },
    // 2015: 9月3日至5日调休放假 (the make-up workday 9月6日 is already in the base data).
    { date: '2015-09-03', kind: 'holiday', name: victoryDay, cite: victoryDay2015 },
    { date: '2015-09-04', kind: 'holiday', name: victoryDay, cite: victoryDay2015 },
    { date: '2015-09-05', kind: 'holiday', name: victoryDay, cite: victoryDay2015 },
    // 2018: 元旦 1月1日放假，与周末连休.
    { date: '2018-01-01', kind: 'holiday', name: '元旦', cite: notice2018 },
    // 2023: 元旦 2022年12月31日至2023年1月2日放假调休 — 1月3日 is a working day.
    { date: '2023-01-03', kind: 'ordinary', cite: notice2023 },
  ],
};
