import { describe, expect, it } from 'vitest';
import { commandHelp, type Command, type OptionSpec } from './command.js';
import { bufferIo } from './io.js';
import { COMMAND_LIST, runCli } from './runCli.js';

async function help(args: string[], env: Record<string, string> = {}) {
  const io = bufferIo({ env });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

const han = /[\u4e00-\u9fff]/;
/** Four or more English words in a row: prose, not a flag, a file name or a format's name. */
const englishProse = /[A-Za-z][A-Za-z'’]*(?: [A-Za-z][A-Za-z'’]*){3,}/;

/** The lines of a command's help a person reads as prose: not the usage line, and of each option line its description only. */
function proseLines(text: string): string[] {
  const lines = text.split('\n');
  const options = lines.indexOf('选项：');
  return lines
    .slice(1)
    .map((line, i) => (options !== -1 && i + 1 > options && line.startsWith('  ') ? line.slice(33) : line));
}

// What `certflow <command> --help` printed in English before the Chinese texts were added; it must not change.
const KEYGEN_EN = `Usage: certflow keygen <name> --out <prefix> [--witness]

Writes <prefix>.key (the signer key, PRIVATE+KEY+<name>+<key id>+<key>, readable
by its owner only) and <prefix>.vkey (the verifier key, <name>+<key id>+<key>,
to publish), in the C2SP signed-note formats Go's golang.org/x/mod/sumdb/note
reads. <name> names the log (its checkpoints' origin), e.g.
certflow.jinan.example/log. With --witness the key signs C2SP cosignature/v1
lines (key type 0x04) instead of checkpoints. Existing files are never
overwritten.

Options:
      --out <prefix>             write <prefix>.key and <prefix>.vkey
      --witness                  a witness key (cosignature/v1)
      --lang <zh-CN|en>          the language of what is printed: zh-CN or en (default from LC_ALL, LC_MESSAGES, LANG)
  -h, --help                     show this help
`;
const CHECKPOINT_EN = `Usage: certflow checkpoint <source> --key <file> [--origin <name>]

Rebuilds the RFC 9162 Merkle tree over every event of <source> (leaf i = the
i-th event in log order, leaf hash SHA-256(0x00 ‖ event hash)) and prints a
C2SP tlog-checkpoint signed with the key (certflow keygen): the origin, the
tree size and the base64 root hash, then the signature line. Publish it, or
give it to witnesses. A log whose hash chains do not verify is not signed.

Exit codes: 0 signed, 1 the log does not verify, 2 usage error.

Options:
      --key <file>               the signer key (<prefix>.key)
      --origin <name>            the checkpoint's origin line (default: the key's name)
      --lang <zh-CN|en>          the language of what is printed: zh-CN or en (default from LC_ALL, LC_MESSAGES, LANG)
  -h, --help                     show this help
`;

describe("every command's --help in Chinese", () => {
  it('every command and every option of it has a Chinese description', () => {
    for (const c of COMMAND_LIST) {
      expect(c.descriptionZh, c.name).toMatch(han);
      for (const [name, o] of Object.entries<OptionSpec>(c.options))
        expect(o.descriptionZh, `${c.name} --${name}`).toMatch(han);
    }
  });

  it.each(COMMAND_LIST.map((c) => [c.name]))('certflow %s --help under zh-CN has no English prose', async (name) => {
    for (const r of [
      await help([name, '--help', '--lang', 'zh-CN']),
      await help([name, '--help'], { LANG: 'zh_CN.UTF-8' }),
    ]) {
      expect(r.code).toBe(0);
      expect(r.out.startsWith(`用法： certflow ${name}`)).toBe(true);
      const english = proseLines(r.out).filter((l) => englishProse.test(l));
      expect(english).toEqual([]);
      // Every paragraph and every option line says something in Chinese.
      for (const paragraph of proseLines(r.out)
        .join('\n')
        .split(/\n\s*\n/)
        .filter((p) => p.trim() !== ''))
        expect(paragraph, paragraph).toMatch(han);
      for (const l of r.out
        .slice(r.out.indexOf('选项：'))
        .split('\n')
        .filter((l) => l.startsWith('  ')))
        expect(l, l).toMatch(han);
    }
  });

  it('the detector finds English prose (a command without Chinese texts fails)', () => {
    const bare: Command = { ...COMMAND_LIST[0]!, descriptionZh: undefined } as Command;
    expect(proseLines(commandHelp(bare, 'zh-CN')).some((l) => englishProse.test(l))).toBe(true);
  });

  it('says what the English says: exit codes, masking of 身份证号, read-only stores', async () => {
    const verify = (await help(['verify', '--help', '--lang', 'zh-CN'])).out;
    expect(verify).toContain('退出码：0 日志通过验证，1 发现问题，2 用法错误，3 无法读取数据源。');
    expect(verify).toContain('存储以只读方式打开：不创建、不迁移、不写入任何内容');
    expect(verify).toMatch(/--heads <file> +与此前 verify --json 保存的流头比较\n/);
    const report = (await help(['report', '--help', '--lang', 'zh-CN'])).out;
    expect(report).toContain('每个身份证号均脱敏显示（3701**********1231）');
    const exported = (await help(['export', '--help', '--lang', 'zh-CN'])).out;
    expect(exported).toContain('身份证号均脱敏');
    expect(exported).toMatch(/-o, --out <file> +写入一个新文件而非标准输出\n/);
  });
});

describe("every command's --help in English is unchanged", () => {
  it('prints keygen and checkpoint help exactly as before', async () => {
    expect((await help(['keygen', '--help'], { LANG: 'C' })).out).toBe(KEYGEN_EN);
    expect((await help(['checkpoint', '--help', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' })).out).toBe(CHECKPOINT_EN);
  });

  it('prints every command in English as it would without its Chinese texts', () => {
    for (const c of COMMAND_LIST) {
      const options = Object.fromEntries(
        Object.entries<OptionSpec>(c.options).map(([k, { descriptionZh: _zh, ...o }]) => [k, o]),
      );
      const english: Command = { ...c, options };
      delete english.descriptionZh;
      const text = commandHelp(c, 'en');
      expect(text).toBe(commandHelp(english, 'en'));
      expect(text).not.toContain(c.descriptionZh!.trim().split('\n')[0]!);
    }
  });
});
