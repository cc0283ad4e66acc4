"""The hooks a notice-lint plugin may implement: each docstring is the plugin author's contract."""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("notice_lint")


@hookspec
def notice_lint_rules() -> list[object]:
    """Return the rule objects this plugin provides (an empty list is fine).

    **Registration.** A plugin is a module named by an entry point of the group ``notice_lint``
    (``[project.entry-points.notice_lint] my-rule = "my_module"``) that implements this hook with
    ``@notice_lint.hookimpl``. The built-in checks (notice_lint.checks.*) register through the
    same hook and import only what a plugin may import: ``notice_lint`` (its ``__all__``),
    ``notice_lint.outline`` and ``notice_lint.profile`` (the document model),
    ``notice_lint.patterns`` (patterns compiled on first use, as the built-ins compile theirs) and
    the shared rule types ``notice_lint.substitution`` and ``notice_lint.edit_groups``. The hook is called once
    per run; a rule id already taken (by a built-in or an earlier plugin) is an error naming the
    plugin, and so is an object that is not a rule.

    **What a rule provides** (notice_lint.Rule): ``id``, ``description``, ``severity``
    (``"error"``, ``"warning"`` or ``"info"``) and ``check(document, options)``; optionally an
    ``Options`` dataclass (the engine validates the user's ``rules: {ID: {...}}`` into it, so a
    wrong key or type is a configuration error naming the file and the line, and passes the
    instance as ``options``; without one, ``options`` is a read-only mapping), a
    ``description_en``, a docstring that ``notice-lint explain ID`` prints, and ``reads``: the
    names of the outline parts check() reads (``Outline.PARTS``: ``"headings"``,
    ``"contact"`` …) and ``"profile"``, so that a run of rules reading none of the headings
    never parses them; without ``reads``, the whole outline is parsed before the rule runs.
    A part not named is still parsed when check() first reads it. Data a rule
    ships in YAML is read with ``notice_lint.load_data(package, name)``, as the built-ins read
    configs/*.yaml.

    **What check() gets.** ``document`` (notice_lint.Document) is read-only and shared by every
    rule: never change it or ``options``. Everything derived is parsed once and cached on it:

    - ``document.text``: the draft as read (line endings normalised to ``\\n``);
    - ``document.lines``, ``document.line_starts``;
    - ``document.outline`` (notice_lint.Outline): title, document number, preamble, headings,
      sections, contact block, disclosure period, signature, dates, counts;
    - ``document.profile`` (notice_lint.Profile): the kind of notice and what decided it;
    - ``document.view``: a repaired copy of the text when the draft was damaged on its way
      (pinyin annotations, traditional characters, HTML entities, lines broken like a PDF
      paste …); ``view.text`` is what the built-in rules search.

    **What check() yields.** notice_lint.Finding objects (a generator or any iterable; None is
    no finding). Lines and columns are 1-based, columns count code points, the end is exclusive;
    a finding without an end covers one character. ``rule`` is set to the rule's id whatever
    it says; ``severity`` is the rule's unless the user configured another; a
    ``fix=Fix(replacement, safe, original)`` is applied by ``--fix`` only when ``safe``, and
    only when the span still holds ``original``.

    **Coordinates.** Offsets are offsets in the ORIGINAL text, ``document.text``: turn them into
    a place with ``document.locate(start, end)`` (a Span: line, column, end_line, end_column,
    for ``Finding.at(span, ...)``) or ``document.position(offset)`` (line, column). Outline
    elements carry their ``start``/``end`` in the original text too, so ``heading.start``
    goes to ``document.locate`` as it is. Offsets into ``document.view.text`` are the only
    other kind: locate those with ``document.view.locate(start, end)``, which maps them back to
    the original lines. A finding outside the document, or ending before it starts, is a
    crash of the rule, never a finding at a wrong place.

    **Containment.** Each rule runs on each draft on its own: an exception, ``sys.exit()``,
    ``KeyboardInterrupt`` or ``GeneratorExit`` raised in ``check()`` or while its findings are
    produced is reported as a crash naming the rule and its plugin (exit status 2); the other
    rules' findings still come out. What a rule prints (stdout, stderr, file descriptors 1 and
    2, child processes) is kept out of the report and shown as one warning. Loading the plugin
    and calling this hook are contained the same way.

    **Time limit.** A rule gets ``rule-timeout`` seconds per draft (configuration; default 10,
    0 switches it off): past it, it is interrupted and reported as a crash; one that swallows
    the interruption for five more seconds ends its process (under ``--jobs``, its worker,
    and the draft is checked again without that rule). The limit needs POSIX signals and the
    main thread; elsewhere rules run without it.
    """
