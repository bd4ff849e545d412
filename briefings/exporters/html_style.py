"""The stylesheet of the HTML export, inlined in every page so that the file stands alone.

System fonts only (a page that loads nothing cannot load a web font); a print stylesheet drops
the screen furniture, keeps quotes and table rows whole across pages, starts each briefing of a
digest on a new page. The only link a page can have is the article's address, shown as its own
text, so printing loses nothing.
"""

STYLE = """\
:root {
  --ink: #1c2430; --muted: #5a6472; --rule: #d9dee5; --paper: #ffffff; --wash: #f3f5f8;
  --accent: #1d5a86; --bluf: #fdf6e3; --bluf-rule: #d4a72c; --open: #a3261f; --open-bg: #fbe9e7;
  --answered: #1f6b3a; --answered-bg: #e4f3e8;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --serif: Charter, "Bitstream Charter", "Iowan Old Style", Georgia, Cambria, "Times New Roman", serif;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--wash); color: var(--ink); font: 16px/1.55 var(--sans); }
main { max-width: 54rem; margin: 0 auto; padding: 2rem 1rem 3rem; }
article.briefing, header.digest {
  background: var(--paper); border: 1px solid var(--rule); border-radius: 8px;
  padding: 2.25rem 2.75rem 1.5rem; margin-bottom: 2rem; box-shadow: 0 1px 3px rgba(20, 30, 45, .06);
}
p, li, dd, blockquote, h1, h2, h3, footer { overflow-wrap: break-word; }
td { overflow-wrap: anywhere; }
.kicker { margin: 0; color: var(--accent); font: 600 .72rem/1 var(--sans); letter-spacing: .16em;
  text-transform: uppercase; }
article.briefing > header > h1, article.briefing > header > h2, header.digest h1 {
  margin: .45rem 0 1.1rem; font: 700 1.85rem/1.22 var(--serif); letter-spacing: -.005em;
}
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.1rem; margin: 0 0 .5rem;
  font-size: .9rem; }
dl.meta div { display: contents; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
.grade { display: inline-block; padding: 0 .4em; border: 1.5px solid var(--accent); border-radius: 4px;
  color: var(--accent); font-weight: 700; letter-spacing: .04em; }
.address { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .85em; }
a { color: var(--accent); }
section { margin-top: 1.9rem; }
section > h2, section > h3, nav > h2 {
  margin: 0 0 .75rem; padding-bottom: .3rem; border-bottom: 2px solid var(--rule); color: var(--accent);
  font: 700 .82rem/1.3 var(--sans); letter-spacing: .1em; text-transform: uppercase;
}
.bluf { padding: .9rem 1.15rem; background: var(--bluf); border-left: 4px solid var(--bluf-rule);
  border-radius: 0 6px 6px 0; }
.bluf > h2, .bluf > h3 { border: 0; padding: 0; margin-bottom: .35rem; color: #8a6a10; }
.bluf p { margin: 0; font: 1.12rem/1.5 var(--serif); }
.judgments ol { margin: 0; padding-left: 1.4rem; }
.judgments li { margin-bottom: .85rem; }
.judgments li p { margin: 0; }
.judgments li > p:first-child { font: 1.04rem/1.5 var(--serif); }
.facts { margin-top: .3rem; color: var(--muted); font-size: .85rem; }
.facts > span + span::before { content: "·"; margin: 0 .45rem; color: var(--rule); }
.likelihood { color: var(--ink); font-weight: 600; }
.scale { display: inline-flex; gap: 2px; margin-right: .3rem; vertical-align: .05rem; }
.scale i { width: .7rem; height: .5rem; background: var(--rule); border-radius: 1px; }
.scale i.on { background: var(--accent); }
table { width: 100%; border-collapse: collapse; font-size: .88rem; }
th, td { padding: .38rem .55rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { color: var(--muted); font-size: .72rem; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; }
tbody tr:nth-child(even) { background: #f9fafb; }
.cite { white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.short { white-space: nowrap; }
.aside { color: var(--muted); font-size: .86rem; }
.questions ul { margin: 0; padding: 0; list-style: none; }
.questions li { padding: .5rem 0 .55rem; border-bottom: 1px solid var(--rule); }
.questions li p { margin: .2rem 0 0; }
.questions li p.question { margin: 0; }
.questions li p.question b { font-weight: 600; }
.status { display: inline-block; min-width: 5.6rem; margin-right: .35rem; padding: .08rem .45rem; border-radius: 4px;
  font-size: .68rem; font-weight: 700; letter-spacing: .08em; text-align: center; text-transform: uppercase; }
.status.open { background: var(--open-bg); color: var(--open); }
.status.answered { background: var(--answered-bg); color: var(--answered); }
.chip { display: inline-block; padding: 0 .45em; border: 1px solid var(--tag); border-left-width: .55em; border-radius: 4px;
  color: var(--ink); font: 600 .78rem/1.45 var(--sans); white-space: nowrap; }
.tag-index { margin: 0 0 .9rem; line-height: 1.9; }
figure.quote { margin: 0 0 1rem; }
blockquote { margin: 0; padding: .55rem 1rem; background: var(--wash); border-left: 4px solid var(--tag, var(--rule));
  border-radius: 0 6px 6px 0; font: .98rem/1.55 var(--serif); }
blockquote p { margin: 0; }
blockquote p + p { margin-top: .5rem; }
.pnum { margin-right: .45rem; color: var(--muted); font: 700 .76rem var(--sans); }
figure.quote > .aside { margin: .3rem 0 0 1.25rem; }
.note { margin: .35rem 0 0 1.25rem; font-size: .9rem; }
.note p { margin: 0; }
.comments p { margin: 0 0 .5rem; }
.orphans blockquote { background: none; border: 1px dashed #b8c0cb; border-left: 4px solid #b8c0cb; }
nav ol { margin: 0; padding-left: 1.4rem; }
nav li { margin: .25rem 0; }
article.briefing > footer { margin-top: 2.2rem; padding-top: .7rem; border-top: 1px solid var(--rule);
  color: var(--muted); font-size: .74rem; }
.scale i, .chip, .status, .bluf { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media (max-width: 40rem) {
  article.briefing, header.digest { padding: 1.25rem 1.1rem 1rem; }
  dl.meta { grid-template-columns: 1fr; }
}
@media print {
  @page { margin: 16mm 15mm 18mm; }
  body { background: #fff; color: #000; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  article.briefing, header.digest { border: 0; border-radius: 0; box-shadow: none; padding: 0; margin: 0 0 8mm; }
  article.briefing + article.briefing { break-before: page; }
  header.digest { break-after: page; }
  section > h2, section > h3, nav > h2 { color: #000; border-bottom-color: #999; }
  h1, h2, h3, h4 { break-after: avoid; }
  figure, tr, li, .bluf, dl.meta { break-inside: avoid; }
  blockquote { background: none; }
  tbody tr:nth-child(even) { background: none; }
  a { color: #000; text-decoration: none; }
}
"""
