/**
 * The report's only style sheet, inline: the file opens anywhere, offline,
 * with no external asset. Print: A4, each organization on a new page, dates
 * and hashes never broken across lines.
 */
export const CSS = `
body{font:15px/1.5 system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:76rem;padding:0 1rem;color:#1d2330}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.5rem;border-bottom:2px solid #d8dde6;padding-bottom:.2rem;font-size:1.25rem}
h3,h4{margin:1.4rem 0 .4rem}.region{color:#5b6475;font-weight:400}.state{font-size:.85rem;font-weight:400;background:#eef2f8;border-radius:.3rem;padding:.05rem .4rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d8dde6;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f3f5f9}
caption{text-align:left;font-weight:600;padding:.2rem 0}
.ok{color:#11702f}.bad{color:#a4161a;font-weight:600}.muted{color:#5b6475}.warn{color:#8a5a00}
.date,.hash{white-space:nowrap}.hash{font-size:.8rem}
blockquote{margin:.3rem 0 .6rem 1rem;padding:.3rem .8rem;border-left:4px solid #8aa4d6;background:#f5f8ff}
blockquote cite{display:block;font-style:normal;font-size:.85rem;color:#5b6475}
.details{font-size:.85rem;color:#3a4252;max-width:34rem}.finding{margin:.4rem 0}.outcome{font-weight:600}code{font-family:ui-monospace,monospace}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:0 .6rem;margin:0}dl.fields dt{color:#5b6475}dl.fields dd{margin:0;overflow-wrap:anywhere}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem}dl.meta dd{margin:0}
.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:.8rem 0}.card{border:1px solid #d8dde6;border-radius:.4rem;padding:.5rem .9rem;min-width:7rem}
.card .n{display:block;font-size:1.6rem;font-weight:700}.card .k{color:#5b6475;font-size:.85rem}.card.bad .n{color:#a4161a}.card.warn .n{color:#8a5a00}
.cols{display:grid;grid-template-columns:2fr 1fr;gap:1rem;align-items:start}
.exam{margin-left:1.2rem;border-left:3px solid #e3e8f0;padding-left:.8rem}
nav#contents ol{columns:2}
@page{size:A4;margin:15mm 12mm}
@media print{body{margin:0;max-width:none;font-size:10.5pt}.organization,.appendix{break-before:page}nav#contents{break-after:page}
table,blockquote,.finding{break-inside:avoid}a{color:inherit;text-decoration:none}.cols{display:block}}
`;
