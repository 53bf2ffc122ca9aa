import type { CertificateNumberSpec } from '@certflow/core';
import { cite } from './documents.js';

// Branches file with the human-resources department where they are
// registered, so certificates carry that province's code.
export const certificateNumber: CertificateNumberSpec = {
  provinceCode: 'registered-province',
  cite: cite('三（四）', '政府有关部门及行业组织指导分支机构在属地人社部门进行备案'),
};

// No levels of its own (the base's five levels hold) and no filing validity (the notice fixes none).
