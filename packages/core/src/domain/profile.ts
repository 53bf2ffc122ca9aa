import { z } from 'zod';
import { personal } from '../personal/fields.js';
import { isValidIdCardNumber, isValidUscc } from './checkDigits.js';

/** Levels: 5 = 初级工, 4 = 中级工, 3 = 高级工, 2 = 技师, 1 = 高级技师. */
export const LEVELS = [1, 2, 3, 4, 5] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_NAMES: Record<Level, string> = { 5: '初级工', 4: '中级工', 3: '高级工', 2: '技师', 1: '高级技师' };

/** A China local date (UTC+8), `YYYY-MM-DD`, that exists in the calendar (no 2021-02-30). */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a China local date YYYY-MM-DD')
  .refine((v) => {
    const [y, m, d] = v.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, 'a real calendar date');

/** A skill level 1–5 (see {@link LEVELS}; 5 is the lowest, 初级工). */
export const levelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);

/** 统一社会信用代码: 18 characters, check character per GB 32100-2015. */
export const usccSchema = z
  .string()
  .refine(isValidUscc, '统一社会信用代码 with a valid check character (GB 32100-2015)');
/** 居民身份证号码: 18 characters, a real birth date and the GB 11643 check character. */
export const idCardNumberSchema = z
  .string()
  .refine(isValidIdCardNumber, '身份证号 with a real birth date and a valid check character (GB 11643)');

/**
 * What an applicant organization is. Packs scope their notice by it (e.g. the
 * Sichuan pack takes only `technical-school`, the industry pilot
 * `industry-association` and `government-department`).
 */
export const ORGANIZATION_KINDS = [
  'enterprise',
  'industry-association',
  'university',
  'vocational-college',
  'technical-school',
  'private-training-institution',
  'government-department',
  'public-institution',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

const count = z.number().int().min(0);

/** The question bank an organization holds for one level of one occupation (counts, not percentages). */
export const questionBankSchema = z.looseObject({
  /** Theory questions in the bank (题量). Fuzhou and Sichuan set minimums. */
  theoryQuestions: count,
  /** Complete theory exam papers (理论试卷套数). */
  theoryPaperSets: count,
  /** Complete practical (skill) exam papers (技能操作试卷套数). */
  practicalPaperSets: count,
  /** Questions for the review of 技师/高级技师 (论文答辩或技术评审试题); read by Fuzhou for levels 2 and 1. */
  reviewQuestions: count.optional(),
});

/** One occupation (职业/工种) the organization applies to evaluate, with the levels it asks for. */
export const occupationSchema = z.looseObject({
  /**
   * The occupation's code in the 中华人民共和国职业分类大典 (2015/2022 edition), `d-dd-dd-dd`
   * with an optional `-dd` 工种 suffix, e.g. `6-18-01-01` (车工). The first digit is the major
   * group: core's `skillTypeOf` reads it (groups 4–6 are 技能类, group 3 goes to an expert
   * unless the occupation states `skillType`, the others are not).
   */
  code: z.string().regex(/^\d-\d{2}-\d{2}-\d{2}(-\d{2})?$/, 'an occupation code of the 职业分类大典, e.g. 6-18-01-01'),
  /** The occupation's name as the 大典 gives it, e.g. 车工. */
  name: z.string().min(1),
  /** The levels applied for, each once (5 = 初级工 … 1 = 高级技师); every pack checks them against its `levels`. */
  levels: z
    .array(levelSchema)
    .min(1)
    .refine((ls) => new Set(ls).size === ls.length, 'each level once'),
  /**
   * What the evaluation follows: a national occupational skill standard (`national`), an
   * evaluation specification filed with the ministry (`filed-spec`), or neither (`none`,
   * refused by the national base's `standard-required`).
   */
  standard: z.enum(['national', 'filed-spec', 'none']),
  /** A 准入类 occupation (a licence required by law)? Such occupations are out of scope in every pack (core's `accessTypeExcludedRule`). */
  accessType: z.boolean(),
  /** Practical workstations (工位) for this occupation; Fuzhou requires a minimum, unknown is `review`. */
  workstations: count.optional(),
  /** Certified evaluators (考评员) for this occupation; Shandong and Sichuan set minimums. */
  evaluators: count,
  // Partial: a bank per level applied for (zod 4's record over an enum demands every key).
  /** The question bank per level applied for, keyed '1'–'5'; Fuzhou and Sichuan check it. */
  questionBank: z.partialRecord(z.enum(['1', '2', '3', '4', '5']), questionBankSchema).optional(),
});

/**
 * The applicant profile: one shape for every region, collected once by a host
 * system. Objects are loose: a pack may read further optional fields of its
 * own; a missing fact makes its finding `review`, never an error.
 */
export const applicantProfileSchema = z.looseObject({
  /** The organization that applies (评价机构): who it is, where it is registered, its standing. */
  organization: z.looseObject({
    /** Registered name, in Chinese, as on the business licence or registration certificate. */
    name: z.string().min(1),
    /** 统一社会信用代码 (GB 32100-2015, check character verified); the engine also takes it as the organization's identity. */
    uscc: usccSchema,
    /** What the organization is; packs scope their notice by it. */
    kind: z.enum(ORGANIZATION_KINDS),
    /**
     * Where it is registered: a 6-digit GB/T 2260 administrative division code (370100 = 济南市).
     * Regional packs accept only their own division (Shandong 37…, Shanghai 31…, Fuzhou 3501…, Sichuan 51…).
     */
    registeredIn: z.string().regex(/^\d{6}$/, 'a GB/T 2260 division code, e.g. 370100'),
    /** An independent legal person (独立法人)? Shanghai requires it. */
    independentLegalPerson: z.boolean(),
    /** No record in the credit blacklists (无不良信用记录)? Shandong, Shanghai and Fuzhou refuse an organization with one. */
    creditClean: z.boolean(),
    /** Still attached to a government authority (未脱钩)? Read by the industry pilot; unknown is `review`. */
    affiliatedWithAuthority: z.boolean().optional(),
    /** A social organization's 评估等级 (1A–5A); Shanghai asks 4A or above of associations, unknown is `review`. */
    associationRating: z.enum(['1A', '2A', '3A', '4A', '5A']).optional(),
    /** An enterprise already qualified for 技能人才自主评价? Read by Shandong; unknown is `review`. */
    selfEvaluationQualified: z.boolean().optional(),
    /** The highest level a school trains to (培养层次), 5–1; Shandong caps the levels applied for by it. */
    maxTrainingLevel: levelSchema.optional(),
  }),
  /** The organization's track record in training and evaluation. */
  history: z
    .looseObject({
      /** Years in a row of related training and evaluation work (whole years); Shanghai and Fuzhou set minimums. */
      consecutiveYears: count,
      /** Person-times trained and evaluated in total (人次, a count of attendances, not of people). */
      personTimesTotal: count,
      /** Of those, person-times evaluated (评价人次); at most `personTimesTotal`. */
      personTimesEvaluated: count,
    })
    .refine((h) => h.personTimesEvaluated <= h.personTimesTotal, {
      message: 'personTimesEvaluated cannot exceed personTimesTotal',
      path: ['personTimesEvaluated'],
    }),
  /** The organization's means to run evaluations (people are head counts). Regional packs set the minimums. */
  capacity: z.looseObject({
    /** A department dedicated to evaluation work (专门的评价工作机构)? */
    dedicatedDepartment: z.boolean(),
    /** Full-time evaluation staff (专职工作人员), head count. */
    fullTimeStaff: count,
    /** Experts for question development and review (专家), head count. */
    experts: count,
    /** Proctors (监考人员), head count; Shandong sets a minimum. */
    proctors: count,
    /** Quality supervisors (督导人员), head count; Shandong and Sichuan set minimums. */
    supervisors: count,
    /** Video monitoring of exam rooms (视频监控)? */
    videoMonitoring: z.boolean(),
    /** Evaluation run not for profit (不以营利为目的)? */
    notForProfit: z.boolean(),
    /** Stable funding for the evaluation work (经费保障)? */
    stableFunding: z.boolean(),
  }),
  /** The occupations applied for, each once, at least one. */
  occupations: z
    .array(occupationSchema)
    .min(1)
    .refine((os) => new Set(os.map((o) => o.code)).size === os.length, 'each occupation once'),
  /**
   * Ids of the materials handed in (the pack's `materials[].id`, e.g. `work-plan`); a required
   * material missing is a `fail` of the pack's required-materials rule.
   */
  materials: z.array(z.string().min(1)),
});

/** The question bank for one level: see {@link questionBankSchema}. */
export type QuestionBank = z.infer<typeof questionBankSchema>;
/** One occupation applied for: see {@link occupationSchema}. */
export type Occupation = z.infer<typeof occupationSchema>;
/**
 * The applicant profile a host collects once for every region (the payload of
 * `SubmitApplication`, with `rulePack`), validated by {@link applicantProfileSchema}.
 * Objects are loose: a pack reads further optional fields of its own (each pack's README
 * lists them); a fact the profile cannot express makes a finding `review`, never `pass`.
 */
export type ApplicantProfile = z.infer<typeof applicantProfileSchema>;

/** A person in an exam roster: 身份证号 with a valid check digit. */
export const candidateSchema = z.looseObject({
  /** 身份证号: personal data (sensitive under 个人信息保护法 第二十八条). */
  idNumber: personal(idCardNumberSchema, 'id-number'),
  /** The candidate's name: personal data. */
  name: personal(z.string().min(1), 'name'),
});
/** A member of the exam staff: the host's id for the person and the name. */
export const staffMemberSchema = z.looseObject({ id: z.string().min(1), name: z.string().min(1) });

/**
 * The payload of `PlanExam`: the filing it runs under, the occupation and
 * level, the schedule (China local dates), the roster and the staff.
 */
export const examPlanSchema = z.looseObject({
  /** The `application-…` stream of the organization's active filing; the exam is refused without one. */
  filingStreamId: z.string().regex(/^application-[A-Za-z0-9._-]+$/, "the stream id of the organization's filing"),
  /** The occupation (大典 code) and the one level examined; both must be in the filing's scope. */
  occupation: z.object({ code: occupationSchema.shape.code, level: levelSchema }),
  /** First exam day, a China local date; `before` deadlines (e.g. plan filed N working days ahead) count back from it. */
  examDate: localDateSchema,
  /** Last exam day of a multi-day exam, a China local date; Fuzhou counts a deadline from it. */
  examEndDate: localDateSchema.optional(),
  /** The day enrolment closed, a China local date; Sichuan counts its 30-working-day filing deadline from it. */
  enrolmentClosedOn: localDateSchema.optional(),
  /** The exam site: its name and 6-digit sequence, part of the certificate number. */
  site: z.looseObject({ name: z.string().min(1), sequence: z.string().regex(/^\d{6}$/, 'a 6-digit site sequence') }),
  /** The candidates (身份证号 and name), each once, at least one. */
  roster: z
    .array(candidateSchema)
    .min(1)
    .refine((r) => new Set(r.map((c) => c.idNumber)).size === r.length, 'each candidate once'),
  /** Proctors (监考员) of the exam. */
  proctors: z.array(staffMemberSchema),
  /** Evaluators (考评员) of the exam. */
  evaluators: z.array(staffMemberSchema),
  /** Quality supervisors (督导员) of the exam; packs that require one per exam read it. */
  supervisors: z.array(staffMemberSchema),
});
/** The payload of `PlanExam` (validated by {@link examPlanSchema}). */
export type ExamPlan = z.infer<typeof examPlanSchema>;
