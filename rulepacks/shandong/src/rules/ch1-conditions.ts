// 鲁人社字〔2020〕50号 一、评价机构征集范围和条件: the rules of this chapter.
import {
  type Rule,
  type ApplicantProfile,
  fail,
  review,
  pass,
  allFacts,
  notApplicable,
  optionalFact,
} from '@certflow/core';
import { LURENSHEZI_2020_50 as DOC } from '../documents.js';

/** 一: the kinds of organization the call is addressed to. */
export const organizationKindInScope: Rule<ApplicantProfile> = {
  id: 'organization-kind-in-scope',
  description:
    '申报主体为以人才培养服务为主要工作职责的社会培训评价组织（企业、行业协会、高等院校、技工院校、民办职业培训机构等）',
  cite: {
    document: DOC,
    clause: '一',
    text: '评价机构征集范围为以人才培养服务为主要工作职责的社会培训评价组织（含企业、行业协会、高等院校、技工院校、民办职业培训机构等）',
  },
  evaluate({ organization: o }) {
    if (o.kind === 'government-department') return fail('政府部门不属于社会培训评价组织', ['organization', 'kind']);
    if (o.kind === 'public-institution')
      return review('事业单位：专家核实其是否以人才培养服务为主要工作职责', ['organization', 'kind']);
    return pass();
  },
};

/** 一（一）: registered in Shandong (GB/T 2260 codes 37xxxx). */
export const registeredInShandong: Rule<ApplicantProfile> = {
  id: 'registered-in-shandong',
  description: '在山东省内依法登记',
  cite: { document: DOC, clause: '一（一）', text: '在山东省内依法登记' },
  evaluate({ organization: o }) {
    return o.registeredIn.startsWith('37')
      ? pass()
      : fail(`登记地 ${o.registeredIn} 不在山东省内`, ['organization', 'registeredIn']);
  },
};

export const soundFinanceAndManagement: Rule<ApplicantProfile> = {
  id: 'sound-finance-and-management',
  description: '具有规范的财务制度和管理制度',
  cite: { document: DOC, clause: '一（一）', text: '具有规范的财务制度和管理制度' },
  evaluate: ({ organization }) =>
    allFacts(organization, ['organization'], { soundFinanceAndManagement: '规范的财务制度和管理制度' }),
};

export const creditClean: Rule<ApplicantProfile> = {
  id: 'credit-clean',
  description: '社会信用良好，无违法违规、失信等不良行为记录',
  cite: { document: DOC, clause: '一（一）', text: '社会信用良好，无违法违规、失信等不良行为记录' },
  evaluate: ({ organization: o }) =>
    o.creditClean ? pass() : fail('有违法违规、失信等不良行为记录', ['organization', 'creditClean']),
};

/** 一（二）: influence is a judgement; no assessment experience at all is a plain fail. */
export const influenceAndExperience: Rule<ApplicantProfile> = {
  id: 'influence-and-experience',
  description: '在拟开展评价的职业领域具有广泛的影响力，在所申报职业（工种）方面有较丰富的考核评价经验',
  cite: {
    document: DOC,
    clause: '一（二）',
    text: '在拟开展评价的职业领域具有广泛的影响力，在所申报职业（工种）方面有较丰富的考核评价经验',
  },
  evaluate({ history }) {
    if (history.personTimesEvaluated === 0)
      return fail('无考核评价经历（已评价人次为 0）', ['history', 'personTimesEvaluated']);
    return review('专家评估：在该职业领域的影响力及考核评价经验是否较丰富', ['history']);
  },
};

export const qualityControlAndEmergencyPlan: Rule<ApplicantProfile> = {
  id: 'quality-control-and-emergency-plan',
  description: '具有完善的职业技能等级认定工作管理和质量管控制度，有突发情况应急处置预案',
  cite: {
    document: DOC,
    clause: '一（二）',
    text: '具有完善的职业技能等级认定工作管理和质量管控制度，有突发情况应急处置预案',
  },
  evaluate: ({ capacity }) =>
    allFacts(capacity, ['capacity'], {
      qualityControlSystem: '管理和质量管控制度',
      emergencyPlan: '突发情况应急处置预案',
    }),
};

/** 一（三） */
export const dedicatedDepartment: Rule<ApplicantProfile> = {
  id: 'dedicated-department',
  description: '设有专门负责职业技能等级认定工作的内部机构',
  cite: { document: DOC, clause: '一（三）', text: '设有专门负责职业技能等级认定工作的内部机构' },
  evaluate: ({ capacity: c }) =>
    c.dedicatedDepartment ? pass() : fail('未设专门负责认定工作的内部机构', ['capacity', 'dedicatedDepartment']),
};

export const fullTimeStaff: Rule<ApplicantProfile> = {
  id: 'full-time-staff',
  description: '配备与评价工作相适应的专职工作人员',
  cite: { document: DOC, clause: '一（三）', text: '配备与评价工作相适应的专职工作人员' },
  evaluate: ({ capacity: c }) => (c.fullTimeStaff > 0 ? pass() : fail('无专职工作人员', ['capacity', 'fullTimeStaff'])),
};

export const evaluationPersonnel: Rule<ApplicantProfile> = {
  id: 'evaluation-personnel',
  description: '具有满足评价工作的考评人员、监考人员、督导人员和专家团队',
  cite: { document: DOC, clause: '一（三）', text: '具有满足评价工作的考评人员、监考人员、督导人员和专家团队等' },
  evaluate({ capacity: c, occupations }) {
    const i = occupations.findIndex((o) => o.evaluators === 0);
    if (i !== -1) return fail(`${occupations[i]!.code} 无考评人员`, ['occupations', i, 'evaluators']);
    for (const [key, label] of [
      ['proctors', '监考人员'],
      ['supervisors', '督导人员'],
      ['experts', '专家团队'],
    ] as const) {
      if (c[key] === 0) return fail(`无${label}`, ['capacity', key]);
    }
    return pass();
  },
};

/** 一（四） */
export const examFacilities: Rule<ApplicantProfile> = {
  id: 'exam-facilities',
  description: '有标准化理论考场、考试网络和考试机，有与技能操作考核相适应的场地、设施设备、仪表仪器',
  cite: {
    document: DOC,
    clause: '一（四）',
    text: '有标准化理论考场、配套考试所需的网络和考试机，有与技能操作考核相适应的场地、设施设备、仪表仪器等',
  },
  evaluate: ({ capacity }) =>
    allFacts(capacity, ['capacity'], {
      standardTheoryExamRoom: '标准化理论考场',
      examNetworkAndComputers: '考试所需的网络和考试机',
      practicalVenueAndEquipment: '技能操作考核场地、设施设备、仪表仪器',
    }),
};

export const examSecurityEquipment: Rule<ApplicantProfile> = {
  id: 'exam-security-equipment',
  description: '有身份识别、信号屏蔽、音频视频监控等信息管理设备',
  cite: { document: DOC, clause: '一（四）', text: '有身份识别、信号屏蔽、音频视频监控等信息管理设备' },
  evaluate({ capacity }) {
    if (!capacity.videoMonitoring) return fail('无音频视频监控设备', ['capacity', 'videoMonitoring']);
    return allFacts(capacity, ['capacity'], { identityVerification: '身份识别设备', signalShielding: '信号屏蔽设备' });
  },
};

/** 一（五） */
export const stableFunding: Rule<ApplicantProfile> = {
  id: 'stable-funding',
  description: '能为职业技能等级认定工作提供稳定的经费保障',
  cite: { document: DOC, clause: '一（五）', text: '能为职业技能等级认定工作提供稳定的经费保障' },
  evaluate: ({ capacity: c }) => (c.stableFunding ? pass() : fail('无稳定的经费保障', ['capacity', 'stableFunding'])),
};

export const notForProfit: Rule<ApplicantProfile> = {
  id: 'not-for-profit',
  description: '把社会效益放在首位，不以人才评价为营利目的',
  cite: { document: DOC, clause: '一（五）', text: '把社会效益放在首位，不以人才评价为营利目的' },
  evaluate: ({ capacity: c }) => (c.notForProfit ? pass() : fail('以人才评价为营利目的', ['capacity', 'notForProfit'])),
};

/** 一（六） */
export const enterpriseSelfEvaluationQualified: Rule<ApplicantProfile> = {
  id: 'enterprise-self-evaluation-qualified',
  description: '企业须先取得技能人才自主评价资质',
  cite: { document: DOC, clause: '一（六）', text: '企业申请职业技能等级认定试点工作的，须先取得技能人才自主评价资质' },
  evaluate({ organization: o }) {
    if (o.kind !== 'enterprise') return notApplicable('不是企业');
    if (o.selfEvaluationQualified === undefined)
      return review('专家核实：企业是否已取得技能人才自主评价资质', ['organization', 'selfEvaluationQualified']);
    return o.selfEvaluationQualified
      ? pass()
      : fail('企业未取得技能人才自主评价资质', ['organization', 'selfEvaluationQualified']);
  },
};

export const associationMemberUnits: Rule<ApplicantProfile> = {
  id: 'association-member-units',
  description: '行业协会应有符合条件能够承担评价工作的单位会员',
  cite: {
    document: DOC,
    clause: '一（六）',
    text: '行业协会申请职业技能等级认定试点工作的，应有符合条件能够承担评价工作的单位会员',
  },
  evaluate({ organization: o }) {
    if (o.kind !== 'industry-association') return notApplicable('不是行业协会');
    const n = optionalFact(o, 'qualifiedMemberUnits');
    if (typeof n !== 'number')
      return review('专家核实：行业协会能够承担评价工作的单位会员', ['organization', 'qualifiedMemberUnits']);
    return n > 0 ? pass() : fail('行业协会无能够承担评价工作的单位会员', ['organization', 'qualifiedMemberUnits']);
  },
};
