import type { FindingTexts } from '@certflow/core';

/**
 * The pack's findings in English: for each message as the rules write it
 * (English, `{name}` where a value goes), its text in this locale.
 */
export const en: FindingTexts = {
  '{code}: catalogExitDate {exit} is not a date': '{code}: catalogExitDate {exit} is not a date',
  '{code} {name} left the catalog on {exit}, after {CATALOG_EXIT_CUTOFF}, and is neither a new occupation nor urgently needed in Shanghai':
    '{code} {name} left the catalog on {exit}, after {CATALOG_EXIT_CUTOFF}, and is neither a new occupation nor urgently needed in Shanghai',
  '{code} {name}: the profile does not show it left the catalog by {CATALOG_EXIT_CUTOFF} or is a new or urgently needed occupation':
    '{code} {name}: the profile does not show it left the catalog by {CATALOG_EXIT_CUTOFF} or is a new or urgently needed occupation',
  'no occupation added': 'no occupation added',
  '{code} is an access-type (准入类) occupation': '{code} is an access-type (准入类) occupation',
  'registered outside Shanghai but filed with MOHRSS: a 属地备案 under 五（二）; the centre checks its establishment in Shanghai':
    'registered outside Shanghai but filed with MOHRSS: a 属地备案 under 五（二）; the centre checks its establishment in Shanghai',
  'registered in {registeredIn}, not in Shanghai (31xxxx)': 'registered in {registeredIn}, not in Shanghai (31xxxx)',
  'not an independent legal person': 'not an independent legal person',
  'financial and management rules in place': 'financial and management rules in place',
  'no sound financial and management rules': 'no sound financial and management rules',
  'the profile does not say whether sound financial and management rules are in place: an expert checks them':
    'the profile does not say whether sound financial and management rules are in place: an expert checks them',
  'a record of violations or dishonesty': 'a record of violations or dishonesty',
  'not an enterprise': 'not an enterprise',
  'an enterprise that has never evaluated skills (原则上 required)':
    'an enterprise that has never evaluated skills (原则上 required)',
  'not an industry association': 'not an industry association',
  'the profile gives no association rating (评估等级): an expert checks it':
    'the profile gives no association rating (评估等级): an expert checks it',
  'association rating {rating} is below 4A': 'association rating {rating} is below 4A',
  'a municipal (市级) association': 'a municipal (市级) association',
  'not a municipal (市级) association': 'not a municipal (市级) association',
  'the profile does not say whether the association is municipal (市级): an expert checks it':
    'the profile does not say whether the association is municipal (市级): an expert checks it',
  'enterprises and associations have their own criteria': 'enterprises and associations have their own criteria',
  '{years} consecutive years of related training and evaluation; at least {MIN_CONSECUTIVE_YEARS} needed':
    '{years} consecutive years of related training and evaluation; at least {MIN_CONSECUTIVE_YEARS} needed',
  'no training or evaluation so far': 'no training or evaluation so far',
  '{personTimesTotal} person-times: an expert judges whether the scale is 较大 (the notice sets no number)':
    '{personTimesTotal} person-times: an expert judges whether the scale is 较大 (the notice sets no number)',
  'wide influence in the field is for the experts (专家论证) to judge':
    'wide influence in the field is for the experts (专家论证) to judge',
  'no evaluation experience at all': 'no evaluation experience at all',
  '{personTimesEvaluated} person-times evaluated: an expert judges whether the experience is 较丰富 for the occupations applied for':
    '{personTimesEvaluated} person-times evaluated: an expert judges whether the experience is 较丰富 for the occupations applied for',
  'no dedicated body for certification work': 'no dedicated body for certification work',
  'no full-time staff': 'no full-time staff',
  'no expert team': 'no expert team',
  'venue and equipment in place': 'venue and equipment in place',
  'no suitable venue and equipment': 'no suitable venue and equipment',
  'the profile does not describe the venue and equipment: checked on the site visit (现场考察)':
    'the profile does not describe the venue and equipment: checked on the site visit (现场考察)',
  'no video monitoring equipment': 'no video monitoring equipment',
  'evaluation run for profit': 'evaluation run for profit',
  'no stable funding': 'no stable funding',
  'quality-control measures in place': 'quality-control measures in place',
  'no quality-control measures': 'no quality-control measures',
  'the profile does not describe quality-control measures: an expert checks them':
    'the profile does not describe quality-control measures: an expert checks them',
  'accepts supervision': 'accepts supervision',
  'does not accept supervision by the human-resources authorities':
    'does not accept supervision by the human-resources authorities',
  'the profile carries no undertaking to accept supervision: the centre obtains it':
    'the profile carries no undertaking to accept supervision: the centre obtains it',
  '{code} {name} was implemented by a body other than the human-resources authorities (二（一）), and is neither a new occupation nor urgently needed in Shanghai':
    '{code} {name} was implemented by a body other than the human-resources authorities (二（一）), and is neither a new occupation nor urgently needed in Shanghai',
  '{code} {name} left the catalog on {exit}; the profile does not say it was implemented by the human-resources authorities (由人力资源社会保障部门组织实施): the centre checks the implementing body':
    '{code} {name} left the catalog on {exit}; the profile does not say it was implemented by the human-resources authorities (由人力资源社会保障部门组织实施): the centre checks the implementing body',
  '{code} {name}: the profile does not show it left the catalog by {CATALOG_EXIT_CUTOFF} as a qualification the human-resources authorities implemented, or is a new or urgently needed occupation':
    '{code} {name}: the profile does not show it left the catalog by {CATALOG_EXIT_CUTOFF} as a qualification the human-resources authorities implemented, or is a new or urgently needed occupation',
  '{code} {name} has no national standard ({standard}); Shanghai accepts no filed specification instead':
    '{code} {name} has no national standard ({standard}); Shanghai accepts no filed specification instead',
  'selection starts on {SELECTION_STARTS}; applied on {asOf}':
    'selection starts on {SELECTION_STARTS}; applied on {asOf}',
  'not filed with MOHRSS': 'not filed with MOHRSS',
  '属地备案 of MOHRSS filing {n}': '属地备案 of MOHRSS filing {n}',
  'filed with MOHRSS but no national filing number given: the centre checks the MOHRSS filing':
    'filed with MOHRSS but no national filing number given: the centre checks the MOHRSS filing',
  'the filing carries no validity end date: the centre checks the filing is in force':
    'the filing carries no validity end date: the centre checks the filing is in force',
  'the filing expired on {until}; a scope change needs a filing in force':
    'the filing expired on {until}; a scope change needs a filing in force',
  '{code} {name} is not a skill occupation (技能人员职业)': '{code} {name} is not a skill occupation (技能人员职业)',
  '{code}: an expert checks whether it is a skill occupation (技能人员职业)':
    '{code}: an expert checks whether it is a skill occupation (技能人员职业)',
  'no occupation dropped': 'no occupation dropped',
  'the filing gives no scope: the centre checks what is dropped':
    'the filing gives no scope: the centre checks what is dropped',
  '{code} is not among the filed occupations': '{code} is not among the filed occupations',
  '{code} is not filed for level(s) {value}': '{code} is not filed for level(s) {value}',
};
