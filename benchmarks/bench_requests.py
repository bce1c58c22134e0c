"""In-process request costs: one Get, and walking every page of a List.

    python benchmarks/bench_requests.py [--items 1000 10000] [--gets 300]

Prints microseconds per Get and per listed item. Setup goes straight to the
backend; every measured call goes through boto3 and moto's request path.
Not run by the test suite: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import gc
import os
import time

os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")

import boto3

import moto_nimble
from moto_nimble import mock_nimblestudio

ACCOUNT, REGION = "123456789012", "us-west-2"


def ready_profile(client):  # type: ignore[no-untyped-def]
    studio_id = client.create_studio(
        adminRoleArn="a", userRoleArn="u", displayName="bench", studioName="bench"
    )["studio"]["studioId"]
    client.get_studio(studioId=studio_id)
    component = client.create_studio_component(
        studioId=studio_id, name="c", type="CUSTOM"
    )
    image = client.create_streaming_image(
        studioId=studio_id, name="i", ec2ImageId="ami-0abc"
    )
    image_id = image["streamingImage"]["streamingImageId"]
    profile_id = client.create_launch_profile(
        studioId=studio_id,
        name="p",
        ec2SubnetIds=[],
        launchProfileProtocolVersions=["2021-03-31"],
        studioComponentIds=[component["studioComponent"]["studioComponentId"]],
        streamConfiguration={
            "clipboardMode": "ENABLED",
            "ec2InstanceTypes": ["g4dn.xlarge"],
            "streamingImageIds": [image_id],
        },
    )["launchProfile"]["launchProfileId"]
    client.get_streaming_image(studioId=studio_id, streamingImageId=image_id)
    client.get_launch_profile(studioId=studio_id, launchProfileId=profile_id)
    return studio_id, profile_id


def bench(items: int, gets: int) -> None:
    with mock_nimblestudio():
        client = boto3.client("nimble", region_name=REGION)
        studio_id, profile_id = ready_profile(client)
        backend = moto_nimble.nimble_backends[ACCOUNT][REGION]
        session_ids = [
            backend.create_streaming_session(studio_id, profile_id).session_id
            for _ in range(items)
        ]
        target = session_ids[len(session_ids) // 2]
        client.get_streaming_session(studioId=studio_id, sessionId=target)
        # a full collection of the objects made above would land in one timing
        gc.collect()
        start = time.perf_counter()
        for _ in range(gets):
            client.get_streaming_session(studioId=studio_id, sessionId=target)
        per_get = (time.perf_counter() - start) / gets * 1e6

        gc.collect()
        start = time.perf_counter()
        listed = 0
        for page in client.get_paginator("list_streaming_sessions").paginate(
            studioId=studio_id
        ):
            listed += len(page["sessions"])
        per_item = (time.perf_counter() - start) / listed * 1e6
        assert listed == items, listed
        print(
            f"items={items:>6}  GetStreamingSession {per_get:8.0f} us/call"
            f"  ListStreamingSessions (all pages) {per_item:6.1f} us/item"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--gets", type=int, default=300)
    args = parser.parse_args()
    for items in args.items:
        bench(items, args.gets)


if __name__ == "__main__":
    main()
