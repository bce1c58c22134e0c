from conftest import assert_error
import pytest
from botocore.exceptions import ClientError


def test_seed_flow(client, factory):
    studio, component, image, profile = factory.ready_profile()
    assert studio["state"] == "READY"
    assert profile["state"] == "READY"
    session = factory.session(studio["studioId"], profile["launchProfileId"])
    assert session["state"] == "READY"


def test_unknown_studio(client):
    with pytest.raises(ClientError) as excinfo:
        client.get_studio(studioId="us-west-2:stid-0000000000000000")
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": "us-west-2:stid-0000000000000000"}
