"""aws / gcloud / az readings the fixtures cannot record here."""

from lsp_heal.detect import detect


def _first(text: str, command: str) -> tuple[str, str | None]:
    event = detect(text, command, 1)[0]
    return event.category.value, event.subject


def test_az_usage_errors_name_their_first_option() -> None:
    text = "ERROR: usage error: --vnet-name NAME --subnet NAME | --subnet ID\n"
    assert _first(text, "az vm create -n vm -g rg") == ("configuration", "--vnet-name")


def test_gcloud_properties_are_named_as_config_set_takes_them() -> None:
    text = "ERROR: (gcloud.config.set) Section [core] has no property [projet].\n"
    assert _first(text, "gcloud config set core/projet shop") == ("configuration", "core/projet")
    text = "ERROR: (gcloud.config.set) Section [computee] does not exist.\n"
    assert _first(text, "gcloud config set computee/zone x") == ("configuration", "computee")
