"""The review report's stylesheet and category colours (inline: the page is one file)."""
from __future__ import annotations

from claimlint.findings import CATEGORIES

# Light fills that keep dark text readable, each paired with a stronger edge colour.
PALETTE = {
    "absolute-safety": ("#ffd6d6", "#c62828"),
    "efficacy-overstatement": ("#ffe4c2", "#e65100"),
    "disease-claim": ("#f8d3f0", "#ad1457"),
    "evidence-misattribution": ("#dcd6ff", "#4527a0"),
    "unsupported-citation": ("#d3e6ff", "#1565c0"),
    "dose-limit": ("#efdcc9", "#795548"),
    "undisclosed-promotion": ("#fff3b0", "#9e7c00"),
    "numeric-inconsistency": ("#c9f2ee", "#00796b"),
    "contradiction": ("#d7f5cf", "#2e7d32"),
    "readability": ("#e6e6e6", "#546e7a"),
    "suppression": ("#eeeeee", "#757575"),
}
FALLBACK = ("#eeeeee", "#616161")


def colours(category: str) -> tuple[str, str]:
    return PALETTE.get(category, FALLBACK)


def css_class(category: str) -> str:
    return "cat-" + "".join(c if c.isalnum() or c == "-" else "-" for c in category.lower())


def category_rules() -> str:
    rules = []
    for category in [*CATEGORIES, "suppression"]:
        fill, edge = colours(category)
        rules.append(f".{css_class(category)}{{--fill:{fill};--edge:{edge}}}")
    return "\n".join(rules)


STYLE = """
:root{--fill:#eee;--edge:#616161;color-scheme:light}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;background:#f6f6f4}
header.run{padding:20px 28px;background:#fff;border-bottom:1px solid #ddd}
h1{margin:0 0 4px;font-size:22px}
h2{margin:0;font-size:17px;word-break:break-all}
.meta{color:#555;margin:0 0 12px}
.counts{border-collapse:collapse;margin:8px 0}
.counts td,.counts th{padding:2px 12px 2px 0;text-align:left;font-weight:normal}
.counts th{font-weight:600}
.swatch{display:inline-block;width:12px;height:12px;border-radius:3px;background:var(--fill);border:2px solid var(--edge);vertical-align:-1px;margin-right:6px}
nav.files a{margin-right:14px}
section.article{margin:20px 28px;background:#fff;border:1px solid #ddd;border-radius:8px}
section.article>header{padding:12px 16px;border-bottom:1px solid #eee}
.chips{margin-top:6px}
.chip{display:inline-block;margin:2px 6px 2px 0;padding:0 8px;border-radius:10px;background:var(--fill);border:1px solid var(--edge);font-size:13px}
.layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(260px,2fr)}
.source{padding:10px 0;font:14px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;border-right:1px solid #eee}
.ln{display:flex;white-space:pre-wrap;word-break:break-word}
.ln:target{background:#fffbe0}
.no{flex:0 0 3.5em;text-align:right;padding-right:12px;color:#999;user-select:none}
.tx{flex:1;padding-right:12px}
mark.hl{background:var(--fill);color:inherit;border-bottom:2px solid var(--edge);border-radius:2px;padding:0 1px}
mark.hl.sev-warning{border-bottom-style:dashed}
mark.hl.sev-info{border-bottom-style:dotted}
mark.hl a{color:inherit;text-decoration:none}
mark.hl:target{outline:2px solid var(--edge)}
.notes{padding:10px 12px;display:flex;flex-direction:column;gap:10px}
.note{border-left:5px solid var(--edge);background:#fafafa;padding:8px 10px;border-radius:4px}
.note:target{background:var(--fill)}
.note h3{margin:0;font-size:13px;font-weight:600;color:#444}
.note .msg{margin:4px 0;font-weight:600}
.note dl{margin:4px 0 0;font-size:14px}
.note dt{font-weight:600;color:#444}
.note dd{margin:0 0 6px}
.note .related{font-size:14px;margin:4px 0 0;padding-left:18px}
.sev{text-transform:uppercase;font-size:11px;letter-spacing:.05em;padding:0 5px;border-radius:3px;background:#eee}
.sev-error .sev{background:#c62828;color:#fff}
.sev-warning .sev{background:#f9a825;color:#000}
.clean{padding:12px 16px;color:#2e7d32}
.problems{color:#b71c1c}
@media (max-width:900px){.layout{grid-template-columns:1fr}.source{border-right:0}}
@media print{body{background:#fff}section.article{break-inside:avoid-page}}
"""
