import type { FindingTexts } from '@certflow/core';

/**
 * The pack's findings in English: for each message as the rules write it
 * (English, `{name}` where a value goes), its text in this locale.
 */
export const en: FindingTexts = {
  'a {kind} is not a technical school (技工院校)': 'a {kind} is not a technical school (技工院校)',
  'registered in {registeredIn}, not in Sichuan (51xxxx)': 'registered in {registeredIn}, not in Sichuan (51xxxx)',
  'the profile does not say whether the school is 省属及以上 or 市（州）属: the centre checks which centre is competent':
    'the profile does not say whether the school is 省属及以上 or 市（州）属: the centre checks which centre is competent',
  'the profile does not say which centre the application went to':
    'the profile does not say which centre the application went to',
  'a {affiliation} school applies to the {due}, not the {appliedTo}':
    'a {affiliation} school applies to the {due}, not the {appliedTo}',
  '{code} {name} has neither a national standard nor an industry/enterprise specification':
    '{code} {name} has neither a national standard nor an industry/enterprise specification',
  '{code}: the specification is not approved by MOHRSS': '{code}: the specification is not approved by MOHRSS',
  '{code}: the profile does not say the specification was approved by MOHRSS: the centre checks the approval':
    '{code}: the profile does not say the specification was approved by MOHRSS: the centre checks the approval',
  '{code}: levels 2/1 applied for without a comprehensive performance review (综合业绩评审)':
    '{code}: levels 2/1 applied for without a comprehensive performance review (综合业绩评审)',
  '{code}: levels 2/1 applied for; the profile does not say a comprehensive performance review (综合业绩评审) is planned':
    '{code}: levels 2/1 applied for; the profile does not say a comprehensive performance review (综合业绩评审) is planned',
  'the profile does not name the evaluation mode (四): the centre asks':
    'the profile does not name the evaluation mode (四): the centre asks',
  'evaluation mode {mode} is none of {value}': 'evaluation mode {mode} is none of {value}',
  'the cooperating enterprise is not filed for skill level certification':
    'the cooperating enterprise is not filed for skill level certification',
  'the profile does not say the cooperating enterprise is filed: the centre checks its filing':
    'the profile does not say the cooperating enterprise is filed: the centre checks its filing',
  'the social training evaluation organization is not on the MOHRSS list':
    'the social training evaluation organization is not on the MOHRSS list',
  'the profile does not say the organization is on the MOHRSS list: the centre checks the list':
    'the profile does not say the organization is on the MOHRSS list: the centre checks the list',
  'competition certificates: competition-certificates-by-authorities':
    'competition certificates: competition-certificates-by-authorities',
  'in the cooperating-enterprise mode (四（一）) the filed enterprise issues the certificates, not the school':
    'in the cooperating-enterprise mode (四（一）) the filed enterprise issues the certificates, not the school',
  'in the social-organization mode (四（二）) the MOHRSS-listed organization issues the certificates, not the school':
    'in the social-organization mode (四（二）) the MOHRSS-listed organization issues the certificates, not the school',
  'the filing does not name the evaluation mode (四): the centre checks that the school certifies these students itself':
    'the filing does not name the evaluation mode (四): the centre checks that the school certifies these students itself',
  'in the competition mode (四（四）) the provincial or city human-resources authorities issue the certificates, not the school':
    'in the competition mode (四（四）) the provincial or city human-resources authorities issue the certificates, not the school',
  'no internal body dedicated to certifying students': 'no internal body dedicated to certifying students',
  'no certification rules and exam procedures': 'no certification rules and exam procedures',
  'the profile does not describe the certification rules and exam procedures: an expert checks them':
    'the profile does not describe the certification rules and exam procedures: an expert checks them',
  'no full-time staff': 'no full-time staff',
  'no expert team': 'no expert team',
  'no quality supervisors (质量督导人员)': 'no quality supervisors (质量督导人员)',
  '{code} {name}: {evaluators} evaluators, at least {MIN_EVALUATORS_PER_OCCUPATION} needed':
    '{code} {name}: {evaluators} evaluators, at least {MIN_EVALUATORS_PER_OCCUPATION} needed',
  'no venue and equipment suited to the occupations and levels':
    'no venue and equipment suited to the occupations and levels',
  'the profile does not describe the venue and equipment: checked on the site visit':
    'the profile does not describe the venue and equipment: checked on the site visit',
  'no networked video monitoring': 'no networked video monitoring',
  '{code} {name}: the school has no major matching the occupation':
    '{code} {name}: the school has no major matching the occupation',
  "{code}: the profile does not name a matching major: an expert checks the school's majors":
    "{code}: the profile does not name a matching major: an expert checks the school's majors",
  '{code}: the profile does not describe the question bank: an expert checks it':
    '{code}: the profile does not describe the question bank: an expert checks it',
  '{code} {name}: no question bank for level(s) {value}': '{code} {name}: no question bank for level(s) {value}',
  'no stable funding': 'no stable funding',
  'evaluation run for profit': 'evaluation run for profit',
  'does not accept supervision and guidance': 'does not accept supervision and guidance',
  'the profile carries no undertaking to accept supervision: the centre obtains it':
    'the profile carries no undertaking to accept supervision: the centre obtains it',
  "no exam administration system able to connect to the authorities' systems":
    "no exam administration system able to connect to the authorities' systems",
  "the profile does not say the exam administration system can connect to the authorities' systems: checked in the technical evaluation":
    "the profile does not say the exam administration system can connect to the authorities' systems: checked in the technical evaluation",
  'no quality supervisor for this session': 'no quality supervisor for this session',
  'the plan does not say when enrolment closed; the 30-working-day filing deadline runs from that day':
    'the plan does not say when enrolment closed; the 30-working-day filing deadline runs from that day',
  'enrolment closes {enrolmentClosedOn}, after the exam on {examDate}':
    'enrolment closes {enrolmentClosedOn}, after the exam on {examDate}',
};
