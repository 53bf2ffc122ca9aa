import type { Role } from './event.js';
import type { Locale } from './messages.js';
import type { CommandType, MachineName } from './domain/vocabulary.js';
import type { EventType } from './streams/catalogue.js';

/** A thing's name in every locale. */
export type Label = { readonly [L in Locale]: string };

const l = (zh: string, en: string): Label => ({ en, 'zh-CN': zh });

/**
 * The one table of Chinese and English names for what certflow records and
 * reports: event types, commands, roles, the states of each machine, rule
 * outcomes, decisions and statuses (of deadlines and of a log's integrity).
 * The CLI and its report take every label from here; a test holds it to
 * every event, command, role and state the machines know.
 */
export const LABELS = {
  events: {
    ApplicationSubmitted: l('申请已提交', 'application submitted'),
    SupplementRequested: l('要求补正材料', 'supplement requested'),
    ApplicationSupplemented: l('材料已补正', 'application supplemented'),
    ApplicationAccepted: l('申请已受理', 'application accepted'),
    ApplicationRejected: l('申请不予受理', 'application rejected'),
    EvaluationRecorded: l('专家评审已记录', 'evaluation recorded'),
    PublicityStarted: l('公示开始', 'publicity started'),
    ObjectionRecorded: l('异议已登记', 'objection recorded'),
    ObjectionResolved: l('异议已处理', 'objection resolved'),
    FilingCompleted: l('备案完成', 'filing completed'),
    ScopeAmendmentProposed: l('提出备案范围变更', 'scope amendment proposed'),
    ScopeAmended: l('备案范围已变更', 'scope amended'),
    FilingSuspended: l('备案已暂停', 'filing suspended'),
    FilingReinstated: l('备案已恢复', 'filing reinstated'),
    FilingRevoked: l('备案已撤销', 'filing revoked'),
    FilingExpired: l('备案已到期', 'filing expired'),
    DeadlineMissed: l('逾期未办', 'deadline missed'),
    DeadlineMissedWithdrawn: l('逾期记录已撤回', 'deadline miss withdrawn'),
    ExamPlanned: l('考核计划已制定', 'exam planned'),
    ExamPlanFiled: l('考核计划已报备', 'exam plan filed'),
    ResultsRecorded: l('考核成绩已录入', 'results recorded'),
    ResultsPublicityStarted: l('成绩公示开始', 'results publicity started'),
    ResultsConfirmed: l('成绩已确认', 'results confirmed'),
    CertificatesIssued: l('证书已颁发', 'certificates issued'),
    CertificateIssued: l('证书已颁发', 'certificate issued'),
    CertificateRevoked: l('证书已撤销', 'certificate revoked'),
    QuotaPlaceReserved: l('名额已占用', 'quota place reserved'),
    QuotaPlaceReleased: l('名额已释放', 'quota place released'),
    SerialsAllocated: l('证书编号已分配', 'serials allocated'),
    PersonalDataErased: l('个人信息已删除', 'personal data erased'),
  } satisfies Record<EventType, Label> & Record<string, Label>,
  commands: {
    SubmitApplication: l('提交申请', 'submit application'),
    RequestSupplement: l('要求补正', 'request supplement'),
    SupplementApplication: l('补正材料', 'supplement application'),
    AcceptApplication: l('受理申请', 'accept application'),
    RejectApplication: l('不予受理', 'reject application'),
    RecordEvaluation: l('记录专家评审', 'record evaluation'),
    StartPublicity: l('开始公示', 'start publicity'),
    RecordObjection: l('登记异议', 'record objection'),
    ResolveObjection: l('处理异议', 'resolve objection'),
    CompleteFiling: l('完成备案', 'complete filing'),
    AmendScope: l('变更备案范围', 'amend scope'),
    SuspendFiling: l('暂停备案', 'suspend filing'),
    ReinstateFiling: l('恢复备案', 'reinstate filing'),
    RevokeFiling: l('撤销备案', 'revoke filing'),
    PlanExam: l('制定考核计划', 'plan exam'),
    FileExamPlan: l('报备考核计划', 'file exam plan'),
    RecordResults: l('录入考核成绩', 'record results'),
    StartResultsPublicity: l('开始成绩公示', 'start results publicity'),
    ConfirmResults: l('确认成绩', 'confirm results'),
    IssueCertificates: l('颁发证书', 'issue certificates'),
    RevokeCertificate: l('撤销证书', 'revoke certificate'),
  } satisfies Record<CommandType, Label>,
  roles: {
    applicant: l('申报机构', 'applicant'),
    'city-center': l('市鉴定中心', 'city centre'),
    'provincial-center': l('省鉴定中心', 'provincial centre'),
    expert: l('评审专家', 'expert'),
    supervisor: l('监督人员', 'supervisor'),
    auditor: l('审计人员', 'auditor'),
    system: l('系统', 'system'),
  } satisfies Record<Role, Label>,
  /** Each machine's states, dotted as `StreamState.state` gives them. */
  states: {
    application: {
      draft: l('未申请', 'draft'),
      submitted: l('已提交待受理', 'submitted'),
      supplementRequested: l('待补正材料', 'supplement requested'),
      evaluation: l('专家评审中', 'under evaluation'),
      publicity: l('公示中', 'in publicity'),
      filed: l('已备案', 'filed'),
      'filed.active': l('备案有效', 'filing in force'),
      'filed.suspended': l('备案暂停', 'filing suspended'),
      rejected: l('不予受理', 'rejected'),
      revoked: l('备案已撤销', 'filing revoked'),
      expired: l('备案已到期', 'filing expired'),
    },
    exam: {
      draft: l('未计划', 'draft'),
      planned: l('已制定计划', 'planned'),
      planFiled: l('计划已报备', 'plan filed'),
      resultsRecorded: l('成绩已录入', 'results recorded'),
      resultsPublicity: l('成绩公示中', 'results in publicity'),
      resultsConfirmed: l('成绩已确认', 'results confirmed'),
      certificatesIssued: l('证书已颁发', 'certificates issued'),
    },
    certificate: {
      draft: l('未颁发', 'draft'),
      valid: l('证书有效', 'valid'),
      revoked: l('证书已撤销', 'revoked'),
    },
  } satisfies Record<MachineName, Record<string, Label>>,
  /** A rule's finding. */
  outcomes: {
    pass: l('通过', 'pass'),
    fail: l('不通过', 'fail'),
    review: l('待专家评审', 'review'),
    'not-applicable': l('不适用', 'not applicable'),
  },
  /** A decision over all the findings of a command. */
  decisions: {
    eligible: l('符合条件', 'eligible'),
    ineligible: l('不符合条件', 'ineligible'),
    'needs-review': l('待专家评审', 'needs review'),
  },
  /** A deadline's status (`DeadlineItem.status`), and whether it was met. */
  deadlineStatuses: {
    open: l('未到期', 'open'),
    'due-today': l('今日到期', 'due today'),
    overdue: l('已逾期', 'overdue'),
    waiting: l('未到可办日', 'waiting'),
    provisional: l('按暂定日历', 'provisional'),
    uncovered: l('超出日历范围', 'outside the calendar'),
    met: l('按期办理', 'met'),
    missed: l('逾期未办', 'missed'),
  },
  /** A stream's integrity in a verification or a report. */
  integrity: {
    ok: l('完整', 'intact'),
    broken: l('已损坏', 'broken'),
  },
} as const;

/** The groups of `LABELS`. */
export type LabelGroup = Exclude<keyof typeof LABELS, 'states'>;

/**
 * The label of `key` in a group, in a locale; the key itself when the table
 * has none (an event type of a newer release, say), so nothing is ever blank.
 * States: `label('states', 'filed.active', 'zh-CN', 'application')`.
 */
export function label(group: LabelGroup | 'states', key: string, locale: Locale, machine?: MachineName): string {
  const table = (group === 'states' ? (machine ? LABELS.states[machine] : undefined) : LABELS[group]) as
    | Record<string, Label>
    | undefined;
  return table?.[key]?.[locale] ?? key;
}
