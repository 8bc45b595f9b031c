"""One self-contained HTML page for editors and compliance reviewers.

Each article is shown as written, its flagged spans highlighted in their category's
colour; beside it, a note per finding with the message, why it matters and what to
write instead (also on hover). Findings that point at another article link to the
place they point at. The page has no script and loads nothing: every character from
an article or a rule is escaped, so an article containing `<script>` shows as text.
"""
from __future__ import annotations

from collections import Counter
from html import escape
from typing import IO

from claimlint import __version__
from claimlint.engine import Result
from claimlint.findings import SEVERITY_RANK, Finding, Related
from claimlint.reporters import Context
from claimlint.reporters.common import Lines, display_path, plain
from claimlint.reporters.html_style import STYLE, category_rules, css_class

Span = tuple[int, int, int, Finding]  # source start, end, finding number, finding


def _attr(text: str) -> str:
    return escape(text, quote=True)


def _prose(text: str) -> str:
    return "<br><br>".join(escape(p) for p in plain(text).split("\n\n"))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


class Page:
    def __init__(self, result: Result, ctx: Context) -> None:
        self.result = result
        self.ctx = ctx
        self.paths = sorted(set(ctx.sources) | {f.path for f in result.findings})
        self.doc = {path: n for n, path in enumerate(self.paths, start=1)}
        self.number = {id(f): n for n, f in enumerate(result.findings, start=1)}
        self.lines = {path: Lines(ctx.sources[path]) for path in self.paths if path in ctx.sources}
        self.spans: dict[str, list[Span]] = {path: [] for path in self.paths}
        for finding in result.findings:
            lines = self.lines.get(finding.path)
            if lines is not None:
                start = lines.offset(finding.line, finding.column)
                end = lines.offset(finding.end_line, finding.end_column)
                if end <= start:  # a whole-block finding may be empty: mark the rest of its line
                    end = lines.offset(finding.line, len(lines.line_text(finding.line)) + 1)
                self.spans[finding.path].append((start, max(end, start), self.number[id(finding)], finding))

    def anchor(self, item: Related) -> str | None:
        """The finding at a related location, else its line, else nothing (not in this run)."""
        lines = self.lines.get(item.path)
        if lines is None:
            return None
        offset = lines.offset(item.line, item.column)
        for start, end, number, _ in self.spans.get(item.path, []):
            if start <= offset < max(end, start + 1):
                return f"f-{number}"
        return f"d{self.doc[item.path]}-L{item.line}"

    def tooltip(self, findings: list[Finding]) -> str:
        parts = []
        for finding in findings:
            rule = self.ctx.rules.get(finding.rule)
            text = f"[{finding.rule}] {finding.message}"
            if rule is not None:
                text += f"\nWhy: {plain(rule.why)}\nInstead: {plain(rule.instead)}"
            parts.append(text)
        return "\n\n".join(parts)

    def segment(self, text: str, active: list[Span], starting: list[int]) -> str:
        if not active:
            return escape(text)
        primary = min(active, key=lambda s: (-SEVERITY_RANK[s[3].severity], s[2]))[3]
        numbers = " ".join(str(s[2]) for s in active)
        ids = "".join(f'<span id="m-{n}"></span>' for n in starting[1:])
        first = f' id="m-{starting[0]}"' if starting else ""
        classes = f"hl {css_class(primary.category)} sev-{primary.severity}"
        title = _attr(self.tooltip([s[3] for s in active]))
        target = self.number[id(primary)]
        return (
            f'{ids}<mark class="{classes}"{first} data-findings="{numbers}" title="{title}">'
            f'<a href="#f-{target}">{escape(text)}</a></mark>'
        )

    def source(self, path: str) -> str:
        lines = self.lines[path]
        spans = self.spans[path]
        out = ['<div class="source">']
        count = len(lines.starts) - (1 if lines.text.endswith(("\n", "\r")) else 0)  # no phantom last line
        for n in range(1, count + 1):
            start = lines.starts[n - 1]
            end = start + len(lines.line_text(n))
            here = [s for s in spans if s[0] < end and s[1] > start]
            cuts = sorted({start, end, *(max(start, min(end, p)) for s in here for p in s[:2])})
            parts = []
            for a, b in zip(cuts, cuts[1:]):
                active = [s for s in here if s[0] < b and s[1] > a]
                starting = [s[2] for s in here if s[0] == a]
                parts.append(self.segment(lines.text[a:b], active, starting))
            out.append(f'<div class="ln" id="d{self.doc[path]}-L{n}"><span class="no">{n}</span><span class="tx">{"".join(parts)}</span></div>')
        out.append("</div>")
        return "\n".join(out)

    def note(self, finding: Finding) -> str:
        n = self.number[id(finding)]
        rule = self.ctx.rules.get(finding.rule)
        where = f"Line {finding.line}, column {finding.column}"
        link = f'<a href="#m-{n}">{where}</a>' if finding.path in self.lines else where
        parts = [
            f'<article class="note {css_class(finding.category)} sev-{finding.severity}" id="f-{n}" data-rule="{_attr(finding.rule)}"'
            f' data-line="{finding.line}" data-column="{finding.column}" data-end-line="{finding.end_line}" data-end-column="{finding.end_column}">',
            f'<h3>{link} · <span class="sev">{escape(finding.severity)}</span> · <code>{escape(finding.rule)}</code> · {escape(finding.category)}</h3>',
            f'<p class="msg">{escape(finding.message)}</p>',
        ]
        if rule is not None:
            parts.append(f"<dl><dt>Why</dt><dd>{_prose(rule.why)}</dd><dt>Instead</dt><dd>{_prose(rule.instead)}</dd>")
            if rule.suggestion:
                parts.append(f"<dt>Suggested wording</dt><dd>{escape(rule.suggestion)}</dd>")
            parts.append("</dl>")
        if finding.related:
            parts.append('<ul class="related">')
            for item in finding.related:
                label = escape(f"{display_path(item.path)}:{item.line}:{item.column}")
                target = self.anchor(item)
                label = f'<a class="xref" href="#{target}">{label}</a>' if target else label
                parts.append(f"<li>See {label}{': ' + escape(item.message) if item.message else ''}</li>")
            parts.append("</ul>")
        parts.append("</article>")
        return "\n".join(parts)

    def chips(self, findings: list[Finding]) -> str:
        counts = Counter(f.category for f in findings)
        return "".join(
            f'<span class="chip {css_class(c)}">{escape(c)}: {counts[c]}</span>' for c in sorted(counts)
        )

    def article(self, path: str) -> str:
        findings = [f for f in self.result.findings if f.path == path]
        head = (
            f'<section class="article" id="doc-{self.doc[path]}" data-path="{_attr(path)}"><header>'
            f"<h2>{escape(display_path(path))}</h2>"
            f'<div class="meta">{_plural(len(findings), "finding")}</div><div class="chips">{self.chips(findings)}</div></header>'
        )
        if not findings and path in self.lines:
            return head + '<p class="clean">No findings.</p></section>'
        source = self.source(path) if path in self.lines else '<div class="source"></div>'
        notes = "\n".join(self.note(f) for f in findings)
        return f'{head}<div class="layout">{source}<aside class="notes">{notes}</aside></div></section>'

    def render(self) -> str:
        findings = self.result.findings
        counts = Counter(f.category for f in findings)
        rows = "".join(
            f'<tr class="{css_class(c)}"><td><span class="swatch"></span>{escape(c)}</td><td>{counts[c]}</td></tr>'
            for c in sorted(counts)
        )
        nav = "".join(
            f'<a href="#doc-{self.doc[p]}">{escape(display_path(p))}</a>' for p in self.paths
        )
        problems = "".join(
            f"<li>{escape(display_path(p.path))}: {escape(p.message)}</li>" for p in self.result.problems
        )
        title = f"claimlint review: {_plural(len(findings), 'finding')} in {_plural(len(self.paths), 'article')}"
        return "\n".join(
            [
                "<!DOCTYPE html>",
                # The page quotes every flagged passage: a report saved among the articles
                # must not be linted as one, so it switches claimlint off for itself.
                "<!-- claimlint-disable -->",
                '<html lang="en"><head><meta charset="utf-8">',
                '<meta name="generator" content="claimlint">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{escape(title)}</title>",
                f"<style>{STYLE}{category_rules()}</style></head><body>",
                f'<header class="run"><h1>{escape(title)}</h1>',
                f'<p class="meta">claimlint {escape(__version__)} · highlights are coloured by category; hover a highlight or read the note beside it.</p>',
                f'<table class="counts"><tr><th>Category</th><th>Findings</th></tr>{rows}</table>' if rows else "",
                f'<p>Not linted:</p><ul class="problems">{problems}</ul>' if problems else "",
                f'<nav class="files">{nav}</nav></header>',
                "<main>",
                *[self.article(p) for p in self.paths],
                "</main></body></html>",
                "",
            ]
        )


def render(result: Result, ctx: Context) -> str:
    return Page(result, ctx).render()


def write(result: Result, out: IO[str], ctx: Context) -> None:
    out.write(render(result, ctx))
