import { z } from 'zod';
import { isValidIdCardNumber, isValidUscc } from './checkDigits.js';

/** Levels: 5 = 初级工, 4 = 中级工, 3 = 高级工, 2 = 技师, 1 = 高级技师. */
export const LEVELS = [1, 2, 3, 4, 5] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_NAMES: Record<Level, string> = { 5: '初级工', 4: '中级工', 3: '高级工', 2: '技师', 1: '高级技师' };

export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a China local date YYYY-MM-DD')
  .refine((v) => {
    const [y, m, d] = v.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, 'a real calendar date');

export const levelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);

export const usccSchema = z
  .string()
  .refine(isValidUscc, '统一社会信用代码 with a valid check character (GB 32100-2015)');
export const idCardNumberSchema = z
  .string()
  .refine(isValidIdCardNumber, '身份证号 with a real birth date and a valid check character (GB 11643)');

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

export const questionBankSchema = z.looseObject({
  theoryQuestions: count,
  theoryPaperSets: count,
  practicalPaperSets: count,
  reviewQuestions: count.optional(),
});

export const occupationSchema = z.looseObject({
  code: z.string().regex(/^\d-\d{2}-\d{2}-\d{2}(-\d{2})?$/, 'an occupation code of the 职业分类大典, e.g. 6-18-01-01'),
  name: z.string().min(1),
  levels: z
    .array(levelSchema)
    .min(1)
    .refine((ls) => new Set(ls).size === ls.length, 'each level once'),
  standard: z.enum(['national', 'filed-spec', 'none']),
  accessType: z.boolean(),
  workstations: count.optional(),
  evaluators: count,
  // Partial: a bank per level applied for (zod 4's record over an enum demands every key).
  questionBank: z.partialRecord(z.enum(['1', '2', '3', '4', '5']), questionBankSchema).optional(),
});

/**
 * The applicant profile: one shape for every region, collected once by a host
 * system. Objects are loose: a pack may read further optional fields of its
 * own; a missing fact makes its finding `review`, never an error.
 */
export const applicantProfileSchema = z.looseObject({
  organization: z.looseObject({
    name: z.string().min(1),
    uscc: usccSchema,
    kind: z.enum(ORGANIZATION_KINDS),
    registeredIn: z.string().regex(/^\d{6}$/, 'a GB/T 2260 division code, e.g. 370100'),
    independentLegalPerson: z.boolean(),
    creditClean: z.boolean(),
    affiliatedWithAuthority: z.boolean().optional(),
    associationRating: z.enum(['1A', '2A', '3A', '4A', '5A']).optional(),
    selfEvaluationQualified: z.boolean().optional(),
    maxTrainingLevel: levelSchema.optional(),
  }),
  history: z
    .looseObject({
      consecutiveYears: count,
      personTimesTotal: count,
      personTimesEvaluated: count,
    })
    .refine((h) => h.personTimesEvaluated <= h.personTimesTotal, {
      message: 'personTimesEvaluated cannot exceed personTimesTotal',
      path: ['personTimesEvaluated'],
    }),
  capacity: z.looseObject({
    dedicatedDepartment: z.boolean(),
    fullTimeStaff: count,
    experts: count,
    proctors: count,
    supervisors: count,
    videoMonitoring: z.boolean(),
    notForProfit: z.boolean(),
    stableFunding: z.boolean(),
  }),
  occupations: z
    .array(occupationSchema)
    .min(1)
    .refine((os) => new Set(os.map((o) => o.code)).size === os.length, 'each occupation once'),
  materials: z.array(z.string().min(1)),
});

export type QuestionBank = z.infer<typeof questionBankSchema>;
export type Occupation = z.infer<typeof occupationSchema>;
export type ApplicantProfile = z.infer<typeof applicantProfileSchema>;

/** A person in an exam roster: 身份证号 with a valid check digit. */
export const candidateSchema = z.looseObject({
  idNumber: idCardNumberSchema,
  name: z.string().min(1),
});
export const staffMemberSchema = z.looseObject({ id: z.string().min(1), name: z.string().min(1) });

/**
 * The payload of `PlanExam`: the filing it runs under, the occupation and
 * level, the schedule (China local dates), the roster and the staff.
 */
export const examPlanSchema = z.looseObject({
  filingStreamId: z.string().regex(/^application-[A-Za-z0-9._-]+$/, 'the stream id of the organization\'s filing'),
  occupation: z.object({ code: occupationSchema.shape.code, level: levelSchema }),
  examDate: localDateSchema,
  examEndDate: localDateSchema.optional(),
  enrolmentClosedOn: localDateSchema.optional(),
  site: z.looseObject({ name: z.string().min(1), sequence: z.string().regex(/^\d{6}$/, 'a 6-digit site sequence') }),
  roster: z
    .array(candidateSchema)
    .min(1)
    .refine((r) => new Set(r.map((c) => c.idNumber)).size === r.length, 'each candidate once'),
  proctors: z.array(staffMemberSchema),
  evaluators: z.array(staffMemberSchema),
  supervisors: z.array(staffMemberSchema),
});
export type ExamPlan = z.infer<typeof examPlanSchema>;
