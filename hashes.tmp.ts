const names = ['national','shandong','fujian-fuzhou','shanghai','sichuan-technical-schools','national-industry-pilot'];
for (const n of names) {
  const p = (await import(`./rulepacks/${n}/src/index.ts`)).default;
  for (const x of [p, ...p.releases]) console.log(x.id, x.version, x.hash);
}
