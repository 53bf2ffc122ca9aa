import { defineRulePack, type Citation, type RulePack } from '@certflow/core';

/**
 * Certificate numbers follow the national 22-character rule; the province
 * code in them is the one thing a pack must state. Where a region's notice
 * only says certificates are issued 按规定 and its pack therefore defines no
 * `certificateNumber`, a host adds it in a pack of its own that extends the
 * region's: every rule, deadline and citation stays the region's, the new id
 * says the pack is the host's, and `cite` names the clause that makes the
 * organization issue certificates.
 */
export function withCertificateNumbers(pack: RulePack, provinceCode: string, cite: Citation): RulePack {
  if (pack.certificateNumber) return pack;
  return defineRulePack({
    id: `${pack.id}-host`,
    version: pack.version,
    extends: pack,
    title: `${pack.title} + 证书编码（全国统一编码规则，省级代码 ${provinceCode}）`,
    documents: [],
    jurisdiction: pack.jurisdiction,
    rules: [],
    certificateNumber: { provinceCode, cite, description: '职业技能等级证书编码：全国统一规则，22位' },
  });
}
