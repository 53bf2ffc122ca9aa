import { defineCommand, toJson } from '../defineCommand.js';
import { reasonPayload } from '../common.js';

/** The commands of a certificate stream (it is opened by IssueCertificates on its exam). */
export const certificateCommands = {
  RevokeCertificate: defineCommand({
    stream: 'certificate',
    records: 'CertificateRevoked',
    roles: ['applicant', 'city-center', 'provincial-center'],
    helper: 'revoke',
    payload: reasonPayload,
    decide: (i) => ({ decision: null, events: [{ type: 'CertificateRevoked', data: toJson(i.command.payload) }] }),
  }),
};
