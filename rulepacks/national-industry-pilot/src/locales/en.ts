import type { FindingTexts } from '@certflow/core';

/**
 * The pack's findings in English: for each message as the rules write it
 * (English, `{name}` where a value goes), its text in this locale.
 */
export const en: FindingTexts = {
  'recommended by {p}': 'recommended by {p}',
  'an industry organization acting itself': 'an industry organization acting itself',
  'neither a recommending department (organization.recommendedBy) nor an industry organization: the centre checks the recommendation':
    'neither a recommending department (organization.recommendedBy) nor an industry organization: the centre checks the recommendation',
  'a government department cannot be a social training evaluation organization':
    'a government department cannot be a social training evaluation organization',
  'a unit affiliated with a government department': 'a unit affiliated with a government department',
  'the profile does not say whether the organization is affiliated with a government department: the centre checks':
    'the profile does not say whether the organization is affiliated with a government department: the centre checks',
  'an association not decoupled from its competent authority':
    'an association not decoupled from its competent authority',
  'the profile does not say whether the association is decoupled from its authority: the centre checks':
    'the profile does not say whether the association is decoupled from its authority: the centre checks',
  'a non-professional association is excluded from the pilot':
    'a non-professional association is excluded from the pilot',
  'the profile does not say whether the association is comprehensive, professional or neither: the centre checks':
    'the profile does not say whether the association is comprehensive, professional or neither: the centre checks',
  '{code} {name} is not a level-evaluation qualification of the catalog':
    '{code} {name} is not a level-evaluation qualification of the catalog',
  '{code}: the profile does not say it is a level-evaluation (水平评价类) qualification of the catalog: the centre checks':
    '{code}: the profile does not say it is a level-evaluation (水平评价类) qualification of the catalog: the centre checks',
  'the route is unknown (recommended-or-industry-organization reviews it)':
    'the route is unknown (recommended-or-industry-organization reviews it)',
  '{code}: the profile does not say which body implemented it as a catalog qualification (it must be {body}): the centre checks':
    '{code}: the profile does not say which body implemented it as a catalog qualification (it must be {body}): the centre checks',
  '{code} {name} was implemented by {by}, not by {body}: a department recommends, an industry organization acts, for its own qualifications only':
    '{code} {name} was implemented by {by}, not by {body}: a department recommends, an industry organization acts, for its own qualifications only',
  'not recommended by a department': 'not recommended by a department',
  'a recommended organization is checked against the criteria of 中就培函〔2020〕16号, which this pack does not encode':
    'a recommended organization is checked against the criteria of 中就培函〔2020〕16号, which this pack does not encode',
  'a comprehensive association without technical support from its member associations':
    'a comprehensive association without technical support from its member associations',
  'the profile does not say which member association gives technical support: the centre checks':
    'the profile does not say which member association gives technical support: the centre checks',
  'not a branch': 'not a branch',
  'a branch not filed with the local human-resources department':
    'a branch not filed with the local human-resources department',
  'the profile does not say whether the branch is filed locally: the centre checks':
    'the profile does not say whether the branch is filed locally: the centre checks',
  'the branch does not meet the local requirements for filing':
    'the branch does not meet the local requirements for filing',
  "the local requirements of the branch's place of registration are that region's: its centre checks them (e.g. with the regional pack)":
    "the local requirements of the branch's place of registration are that region's: its centre checks them (e.g. with the regional pack)",
  'not yet published online': 'not yet published online',
  'published online, but the profile gives no local filing date: the centre checks the order':
    'published online, but the profile gives no local filing date: the centre checks the order',
  'published online on {published}, before local filing on {filed}':
    'published online on {published}, before local filing on {filed}',
  "the pilot's implementation plans were due by {implementationPlanAndPublicity}; submitted {asOf}":
    "the pilot's implementation plans were due by {implementationPlanAndPublicity}; submitted {asOf}",
  'the route (department or industry organization) is unknown, so is the material list':
    'the route (department or industry organization) is unknown, so is the material list',
  'missing materials: {value}': 'missing materials: {value}',
  'missing regulations: {value}': 'missing regulations: {value}',
};
