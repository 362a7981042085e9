import json

from bench.body_misses import Run, diff_runs, exact_without_extra_lines, main, summarize
from bench.scoring import tokenize

STORY = "The river rose all night and the town woke to water in every street"


def _runs(ours: str, label: str) -> list[Run]:
    return diff_runs(tokenize(ours), tokenize(label))


def test_an_extra_closing_line_is_an_extra_run_at_the_end():
    (run,) = _runs(STORY + "\nSign up for our newsletter today", STORY)
    assert (run.kind, run.where, run.size) == ("extra", "end", "4-49")
    assert run.ours == ("Sign", "up", "for", "our", "newsletter", "today") and run.label == ()
    assert run.name == "end: 4-49 tokens extra"


def test_a_missing_headline_is_a_missing_run_at_the_start():
    (run,) = _runs(STORY, "Floods in the valley\n" + STORY)
    assert (run.kind, run.where, run.name) == ("missing", "start", "start: 4-49 tokens missing")


def test_list_numbers_the_label_leaves_out_are_their_own_class():
    ours = "Steps to take:\n1. Fill the bags with sand\n2. Stack them by the door"
    label = "Steps to take:\n- Fill the bags with sand\n- Stack them by the door"
    runs = _runs(ours, label)
    assert [run.name for run in runs] == ["middle: numbers extra", "middle: numbers extra"]


def test_words_in_another_place_are_a_replaced_run_and_writing_never_counts():
    (run,) = _runs("the town woke to water in every street", "the town woke to mud in every street")
    assert (run.kind, run.where, run.size) == ("replaced", "middle", "1-3")
    assert _runs("“Water”, said — the mayor…", "Water said the mayor") == []


def test_a_long_run_is_sized_past_fifty_tokens():
    tail = " ".join(f"word{i}" for i in range(60))
    (run,) = _runs(STORY + " " + tail, STORY)
    assert run.size == "50+"


def test_the_oracle_drops_lines_not_in_the_label_and_keeps_the_rest():
    ours = "Related stories you may like\n" + STORY + "\nShare this"
    assert exact_without_extra_lines(ours, STORY)
    # a line the label holds only in part (half of its 4-grams or more) stays, so the page is still no match
    assert not exact_without_extra_lines(STORY + " and the bridge", STORY)
    # the label's words in another order: no line can go, no match
    assert not exact_without_extra_lines(
        "water in every street\nThe river rose", "The river rose water in every street x"
    )


def test_summarize_counts_pages_per_half_by_first_run_anywhere_and_only():
    rows = [
        {"half": "A", "exact": False, "text": STORY + "\nSign up for our newsletter today", "label": STORY},
        {"half": "A", "exact": False, "text": "Floods\n" + STORY + "\nShare this page with a friend", "label": STORY},
        {"half": "B", "exact": False, "text": STORY, "label": "Floods in the valley\n" + STORY},
        {"half": "B", "exact": True, "text": STORY, "label": STORY},
        {"half": "B", "exact": False, "text": STORY, "label": None},
    ]
    out = summarize(rows)
    assert out[0] == "Non-exact pages with a label: half A 2, half B 1."
    table = {line.split(" | ")[0].lstrip("| "): line for line in out if line.startswith("| ") and "first" not in line}
    assert table["end: 4-49 tokens extra"] == "| end: 4-49 tokens extra | 1 | 0 | 2 / 0 | 1 / 0 |"
    assert table["start: 1-3 tokens extra"] == "| start: 1-3 tokens extra | 1 | 0 | 1 / 0 | 0 / 0 |"
    assert table["start: 4-49 tokens missing"] == "| start: 4-49 tokens missing | 0 | 1 | 0 / 1 | 0 / 1 |"
    assert out[-1] == "Exact if every line not in the label went: half A 2, half B 0 pages more."


def test_main_reads_a_dump_file(tmp_path, capsys):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"half": "B", "exact": False, "text": STORY + " Share", "label": STORY}) + "\n")
    assert main([str(dump)]) == 0
    assert "| end: 1-3 tokens extra | 0 | 1 | 0 / 1 | 0 / 1 |" in capsys.readouterr().out
    assert main([]) == 2
