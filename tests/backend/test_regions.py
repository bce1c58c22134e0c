import pytest
from botocore.exceptions import ClientError
from helpers import assert_error, create_studio

from moto_nimble.models import REGIONS


def test_every_nimble_region_is_served(nimble):
    for region in REGIONS:
        client = nimble.make_client(region)
        studio = create_studio(client, "regional")
        assert studio["homeRegion"] == region
        assert studio["studioId"].startswith(f"{region}:stid-")
        assert studio["arn"].startswith(f"arn:aws:nimble:{region}:")
        assert [s["studioId"] for s in client.list_studios()["studios"]] == [
            studio["studioId"]
        ]


def test_region_without_nimble(nimble, monkeypatch):
    monkeypatch.delenv("MOTO_ALLOW_NONEXISTENT_REGION", raising=False)
    client = nimble.make_client("sa-east-1")
    with pytest.raises(ClientError) as excinfo:
        client.list_studios()
    assert_error(excinfo, "ValidationException", 400, "sa-east-1")
