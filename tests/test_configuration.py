"""Pipeline composition and configuration: stages declare what they require, assign and accept,
and a configuration that breaks a contract fails when the pipeline is built, saying what to change."""

from __future__ import annotations

import copy

import pytest

from communique import registry
from communique.pipeline import Pipeline, PipelineError, check_stages, load_config
from communique.registry import StageSettings, check_order, stage


def with_stages(*names: str) -> dict:
    config = copy.deepcopy(load_config())
    config["pipeline"]["stages"] = list(names)
    return config


DEFAULT_ORDER = ["parse", "actors", "events", "references", "mechanisms", "dates", "status", "places", "frame",
                 "merge", "consolidate"]


def test_the_default_order_keeps_every_contract():
    assert load_config()["pipeline"]["stages"] == DEFAULT_ORDER
    check_order(DEFAULT_ORDER)


@pytest.mark.parametrize("name", DEFAULT_ORDER)
def test_every_built_in_stage_declares_its_contract_and_settings(name):
    info = registry.get_stage(name)
    assert info.requires is not None and info.assigns, f"{name} declares what it requires and assigns"
    assert info.settings is not None and issubclass(info.settings, StageSettings)


@pytest.mark.parametrize("name", DEFAULT_ORDER)
def test_every_built_in_stage_rejects_an_unknown_setting_listing_the_known_ones(name):
    info = registry.get_stage(name)
    known = ", ".join(sorted(info.settings.model_fields)) or "none"
    with pytest.raises(PipelineError) as caught:
        info.check_settings({"colour": "blue"})
    assert str(caught.value).startswith(f"[stages.{name}] unknown setting(s) 'colour'; known settings: {known}")


def test_the_settings_are_checked_before_any_stage_is_built():
    config = load_config()
    config["stages"]["merge"]["window"] = 2
    with pytest.raises(PipelineError, match=r"\[stages.merge\] unknown setting"):
        check_stages(config)  # the same checks as Pipeline(config), without loading a model


def test_a_missing_stage_is_named_with_the_fix():
    with pytest.raises(PipelineError, match=r"stage 'events' requires doc.mentions .*add 'actors' before 'events'"):
        Pipeline(with_stages("parse", "events"))


def test_a_stage_before_what_it_needs_is_told_where_to_go():
    # merge settles the meeting code from the place: before 'places' it would read no place
    order = ["parse", "actors", "events", "mechanisms", "dates", "status", "merge", "places"]
    with pytest.raises(PipelineError, match="move 'merge' after 'places'"):
        Pipeline(with_stages(*order))


def test_status_needs_the_dates():
    with pytest.raises(PipelineError, match=r"'status' requires event.date .*move 'status' after 'dates'"):
        check_order(["parse", "actors", "events", "status", "dates"])


def test_an_unknown_stage_lists_the_registered_ones():
    with pytest.raises(PipelineError, match=r"unknown pipeline stage 'evnts' \(registered: actors, .*did you mean 'events'"):
        Pipeline(with_stages("parse", "actors", "evnts"))


def test_an_unknown_setting_lists_the_known_ones():
    config = with_stages("parse", "actors", "events")
    config["stages"]["events"]["clasifier"] = False
    with pytest.raises(PipelineError, match=r"\[stages.events\] unknown setting\(s\) 'clasifier'; known settings: "
                                            r"classifier, .*did you mean 'classifier'"):
        Pipeline(config)


def test_a_setting_of_the_wrong_type_is_named():
    config = with_stages("parse", "actors")
    config["stages"]["actors"]["strict_codes"] = "yes"
    with pytest.raises(PipelineError, match=r"\[stages.actors\] strict_codes: .*boolean .*'yes'"):
        Pipeline(config)


def test_a_stage_without_settings_accepts_none():
    config = with_stages("parse", "actors", "events", "mechanisms")
    config["stages"]["mechanisms"] = {"radius": 3}
    with pytest.raises(PipelineError, match=r"\[stages.mechanisms\] unknown setting\(s\) 'radius'; known settings: none"):
        Pipeline(config)


def test_settings_of_a_stage_that_does_not_exist_are_an_error():
    config = with_stages("parse")
    config["stages"]["geocoder"] = {"enabled": True}
    with pytest.raises(PipelineError, match=r"\[stages.geocoder\] configures a stage that does not exist"):
        Pipeline(config)


@pytest.fixture
def scratch_stages():
    """Stages registered by a test are removed after it."""
    before = dict(registry._STAGES)
    yield
    registry._STAGES.clear()
    registry._STAGES.update(before)
    registry._FACTORIES.clear()
    registry._FACTORIES.update({name: info.factory for name, info in before.items()})


def test_a_stage_registered_without_declarations_is_taken_on_trust(scratch_stages):
    seen = []

    @stage("note-length")
    def make(settings):
        seen.append(settings)
        return lambda doc: doc

    config = with_stages("note-length")
    config["stages"]["note-length"] = {"anything": 1}
    pipeline = Pipeline(config)
    assert pipeline.stage_names == ["note-length"]
    assert seen[0]["anything"] == 1
    # it may assign anything, so what follows it is not held to the contract
    check_order(["note-length", "events"])


def test_a_declared_stage_gets_its_checked_settings(scratch_stages):
    class Settings(StageSettings):
        limit: int = 5

    @stage("keep-first", requires=["doc.events"], assigns=["doc.events"], settings=Settings)
    def make(settings):
        return lambda doc: doc

    config = with_stages("keep-first")
    config["stages"]["keep-first"] = {"limit": "7"}
    with pytest.raises(PipelineError, match="'keep-first' requires doc.events .*add 'events' before 'keep-first'"):
        Pipeline(config)
    check_order(["parse", "actors", "events", "keep-first"])
    assert registry.get_stage("keep-first").check_settings({"limit": "7"}) == {"limit": 7}


def test_declarations_name_known_fields():
    with pytest.raises(ValueError, match="unknown field"):
        stage("typo", requires=["doc.mention"])
    with pytest.raises(TypeError, match="must be a list"):
        stage("typo", assigns="doc.events")


def test_load_config_merges_a_file_over_the_defaults(tmp_path):
    path = tmp_path / "pipeline.toml"
    path.write_text('[stages.events]\nclassifier = false\npatterns = ["mine.yaml"]\n', encoding="utf-8")
    config = load_config(path)
    assert config["stages"]["events"]["classifier"] is False
    assert config["stages"]["events"]["patterns"] == ["mine.yaml"]
    assert config["stages"]["events"]["classifier_threshold"] == 0.6  # the default kept
    assert config["pipeline"]["stages"] == DEFAULT_ORDER


def test_load_config_names_a_missing_file(tmp_path):
    with pytest.raises(PipelineError, match=r"nowhere.toml: cannot read the configuration"):
        load_config(tmp_path / "nowhere.toml")


def test_load_config_names_a_file_that_is_not_toml(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[stages.events\nclassifier = false\n", encoding="utf-8")
    with pytest.raises(PipelineError, match=r"bad.toml: not valid TOML"):
        load_config(path)


def test_load_config_rejects_an_unknown_section(tmp_path):
    path = tmp_path / "typo.toml"
    path.write_text("[stage.events]\nclassifier = false\n", encoding="utf-8")
    with pytest.raises(PipelineError, match=r"typo.toml: unknown section\(s\) \['stage'\]; known sections"):
        load_config(path)


def test_load_config_wants_a_list_of_stage_names(tmp_path):
    path = tmp_path / "order.toml"
    path.write_text('[pipeline]\nstages = "parse, actors"\n', encoding="utf-8")
    with pytest.raises(PipelineError, match=r"order.toml: \[pipeline\] stages must be a list of stage names"):
        load_config(path)


def test_the_command_line_reports_a_bad_configuration_once(tmp_path):
    from typer.testing import CliRunner

    from communique.cli import app

    config = tmp_path / "mine.toml"
    config.write_text("[stages.events]\nclasifier = false\n", encoding="utf-8")
    articles = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path in articles:
        path.write_text("China and Vietnam held talks in Hanoi on Monday.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["code", "--config", str(config), *map(str, articles)])
    assert result.exit_code == 2
    assert result.output.count("unknown setting(s) 'clasifier'") == 1


def test_the_command_line_checks_the_stage_order_before_reading_any_article(tmp_path):
    from typer.testing import CliRunner

    from communique.cli import app

    config = tmp_path / "order.toml"
    config.write_text('[pipeline]\nstages = ["parse", "events"]\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["code", "--config", str(config), str(tmp_path / "not-read.txt")])
    assert result.exit_code == 2
    message = " ".join(result.output.replace("\u2502", " ").split())  # the message, unwrapped from its box
    assert "--config" in message and "add 'actors' before 'events'" in message
