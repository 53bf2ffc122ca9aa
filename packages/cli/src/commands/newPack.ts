import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { UsageError } from '../errors.js';
import { createStandalonePack } from '../newPack/standalone.js';
import { findCheckout } from '../replay/packs.js';

const SCAFFOLD = join('scripts', 'create-pack.ts');

export { findCheckout };

export const newPackCommand: Command = {
  name: 'new-pack',
  summary: 'scaffold a rule pack: rulepacks/<id> in a certflow checkout, else a standalone pack project',
  usage: 'new-pack <id> --code <GB/T 2260 code> [--name <中文名>] [--extends <pack>]',
  description: `
Creates rulepacks/<id> with the file set every pack has (package.json, tsup and
TypeScript config, source/notice.txt; src/index.ts, definition.ts, documents.ts,
rules/ (one file per chapter), materials.ts, quotas.ts, deadlines.ts, limits.ts,
example.ts, digest.ts, released/, locales/; a spec, test/cases.yaml, README.md,
snapshot.md): copy a pack, replace file by file. The skeleton
passes the pack meta-test as generated; then replace source/notice.txt with the
notice and encode it clause by clause (docs/authoring-a-rule-pack.md).

Inside a certflow repository checkout it delegates to the checkout's
scripts/create-pack.ts (the same as pnpm create-pack), so packs are made the
way the repository makes them.

Anywhere else it writes <id>/, a standalone pack project against the
installed packages: package.json (certflow-rulepack-<id>, depending on the
parent pack and on @certflow/core as a peer, in ranges of the installed
versions), tsconfig, the same src/ files, test/cases.yaml, a spec that runs
describeRulePack, FIDELITY.md, and scripts/snapshots.ts. The parent
(--extends: an installed pack's id or package name) gives the sample profile
(its exampleProfile, registered here). Then: npm install, npm run snapshots
(src/digest.ts and snapshot.md), npm test.

Nothing is written on bad input.

Exit codes: 0 created, 1 the scaffold failed, 2 usage error (bad id, code or
parent).`,
  descriptionZh: `
创建 rulepacks/<id>，包含每个规则包都有的文件（package.json、tsup 和 TypeScript
配置、source/notice.txt；src/ 下的 index.ts、definition.ts、documents.ts、rules/（每章一个
文件）、materials.ts、quotas.ts、deadlines.ts、limits.ts、example.ts、digest.ts、released/、
locales/；一个测试文件、test/cases.yaml、README.md、snapshot.md），即“复制一个规则包，逐个文件替换”。生成的骨架即可通过规则包
元测试；然后用通知原文替换 source/notice.txt，并逐条编写其条款
（docs/authoring-a-rule-pack.md）。

在 certflow 仓库检出目录中，它交由检出目录的 scripts/create-pack.ts 执行
（与 pnpm create-pack 相同），因此规则包的生成方式与仓库一致。

在其他位置，它写出 <id>/：一个基于已安装包的独立规则包项目：package.json
（certflow-rulepack-<id>，依赖父规则包，并以 @certflow/core 为对等依赖，版本范围
取自已安装的版本）、tsconfig、同样的 src/ 文件、test/cases.yaml、一个运行
describeRulePack 的测试文件、FIDELITY.md 和 scripts/snapshots.ts。父规则包
（--extends：已安装规则包的 id 或包名）提供示例档案（其 exampleProfile，
在此登记）。然后依次运行：npm install、npm run snapshots（生成 src/digest.ts
和 snapshot.md）、npm test。

输入有误时不写入任何内容。

退出码：0 已创建，1 生成骨架失败，2 用法错误（id、代码或父规则包有误）。`,
  options: {
    code: {
      type: 'string',
      description: '6-digit division code: 420000 a province, 350200 a city',
      descriptionZh: '6 位行政区划代码：420000 为省，350200 为市',
      value: 'code',
    },
    name: {
      type: 'string',
      description: 'Chinese name of the jurisdiction (default: the id)',
      descriptionZh: '辖区的中文名称（默认：id）',
      value: 'name',
    },
    extends: {
      type: 'string',
      description: 'the pack to extend: a folder of the checkout, or an installed pack (default national)',
      descriptionZh: '要扩展的规则包：检出目录中的目录，或已安装的规则包（默认 national）',
      value: 'pack',
    },
  },
  positionals: { names: ['id'], min: 1 },
  async run({ values, positionals, io }) {
    const cwd = io.cwd ?? process.cwd();
    const root = findCheckout(cwd);
    if (typeof values.code !== 'string')
      throw new UsageError(
        { key: 'usage.missing', values: { missing: '--code <6-digit GB/T 2260 code>' } },
        'new-pack',
      );
    if (!root) {
      const { dir, files } = await createStandalonePack({
        id: positionals[0]!,
        code: values.code,
        ...(typeof values.name === 'string' ? { name: values.name } : {}),
        ...(typeof values.extends === 'string' ? { extends: values.extends } : {}),
        cwd,
      });
      io.stdout.write(
        `created ${dir}\n  ${files.join('\n  ')}\nnext: cd ${positionals[0]} && npm install && npm run snapshots && npm test\n`,
      );
      return EXIT.ok;
    }
    const args = [positionals[0]!, '--code', values.code];
    for (const k of ['name', 'extends'] as const)
      if (typeof values[k] === 'string') args.push(`--${k}`, values[k] as string);
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, SCAFFOLD), ...args], {
      cwd: root,
      env: { ...process.env, ...io.env, TZ: 'Asia/Shanghai' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => io.stdout.write(c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
      io.stderr.write(c);
    });
    const code = await new Promise<number>((done, failed) => {
      child.on('error', failed);
      child.on('close', (c) => done(c ?? 1));
    });
    if (code === 0) return EXIT.ok;
    // The scaffold reports bad options as `create-pack: invalid input: …` and exits 1.
    return /^create-pack: /m.test(stderr) ? EXIT.usage : EXIT.problems;
  },
};
