import { pathToFileURL } from 'node:url';
for (const p of ['national','shandong','fujian-fuzhou','shanghai','sichuan-technical-schools','national-industry-pilot']) {
  const m = await import(pathToFileURL(`${process.cwd()}/rulepacks/${p}/src/index.ts`).href);
  console.log(p, m.default.version, m.default.hash, m.default.releases.map((r: any) => r.version + ':' + r.hash.slice(0, 12)).join(' '));
}
