// The AWS SDK for JavaScript v3 against moto-nimble-server: one scenario,
// printed as JSON for tests/integration/test_js_sdk.py to check. The JS SDK is stricter
// than botocore: it rejects numeric timestamps, needs the error type to name
// its exception class, and must accept empty bodies.
import {
  NimbleClient,
  CreateStudioCommand,
  GetStudioCommand,
  CreateStudioComponentCommand,
  CreateStreamingImageCommand,
  CreateLaunchProfileCommand,
  AcceptEulasCommand,
  CreateStreamingSessionCommand,
  GetStreamingSessionCommand,
  StopStreamingSessionCommand,
  DeleteStreamingSessionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  ListTagsForResourceCommand,
  paginateListStreamingSessions,
  waitUntilStudioReady,
  waitUntilStudioComponentReady,
  waitUntilStreamingImageReady,
  waitUntilLaunchProfileReady,
  waitUntilStreamingSessionReady,
  waitUntilStreamingSessionDeleted,
  waitUntilStreamingSessionStopped,
  waitUntilStreamingSessionStreamReady,
  CreateStreamingSessionStreamCommand,
  GetStreamingSessionStreamCommand,
  ListEulasCommand,
  ListStudiosCommand,
} from "@aws-sdk/client-nimble";

const endpoint = process.argv[2];
const client = new NimbleClient({
  endpoint,
  region: "us-west-2",
  credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  maxAttempts: 1,
});
const account = "123456789012";
const out = {};

async function failure(command) {
  try {
    await client.send(command);
    return null;
  } catch (error) {
    return {
      name: error.name,
      status: error.$metadata?.httpStatusCode,
      fault: error.$fault,
      message: error.message,
    };
  }
}

const isDate = (value) => value instanceof Date && !Number.isNaN(value.getTime());

const { studio } = await client.send(
  new CreateStudioCommand({
    studioName: "jsstudio",
    displayName: "js studio",
    adminRoleArn: `arn:aws:iam::${account}:role/Admin`,
    userRoleArn: `arn:aws:iam::${account}:role/User`,
  }),
);
const studioId = studio.studioId;
out.createdAtIsDate = isDate(studio.createdAt);
out.waitStudio = (await waitUntilStudioReady({ client, maxWaitTime: 30, minDelay: 1 }, { studioId })).state;
out.studioState = (await client.send(new GetStudioCommand({ studioId }))).studio.state;

const { studioComponent } = await client.send(
  new CreateStudioComponentCommand({
    studioId,
    name: "fs",
    type: "SHARED_FILE_SYSTEM",
    configuration: {
      sharedFileSystemConfiguration: {
        fileSystemId: "fs-0123456789abcdef0",
        linuxMountPoint: "/mnt/fs",
        shareName: "share",
        windowsMountDrive: "Z",
      },
    },
  }),
);
const { streamingImage } = await client.send(
  new CreateStreamingImageCommand({ studioId, name: "img", ec2ImageId: "ami-0123456789abcdef0" }),
);
const { launchProfile } = await client.send(
  new CreateLaunchProfileCommand({
    studioId,
    name: "profile",
    ec2SubnetIds: [],
    launchProfileProtocolVersions: ["2021-03-31"],
    studioComponentIds: [studioComponent.studioComponentId],
    streamConfiguration: {
      clipboardMode: "ENABLED",
      sessionPersistenceMode: "ACTIVATED",
      automaticTerminationMode: "ACTIVATED",
      maxStoppedSessionLengthInMinutes: 60,
      ec2InstanceTypes: ["g4dn.xlarge"],
      streamingImageIds: [streamingImage.streamingImageId],
    },
  }),
);
const launchProfileId = launchProfile.launchProfileId;
const wait = { client, maxWaitTime: 30, minDelay: 1 };
out.waitComponent = (
  await waitUntilStudioComponentReady(wait, { studioId, studioComponentId: studioComponent.studioComponentId })
).state;
out.waitImage = (
  await waitUntilStreamingImageReady(wait, { studioId, streamingImageId: streamingImage.streamingImageId })
).state;
out.waitProfile = (await waitUntilLaunchProfileReady(wait, { studioId, launchProfileId })).state;
out.eulaAcceptances = (await client.send(new AcceptEulasCommand({ studioId, eulaIds: [] }))).eulaAcceptances;

const sessionIds = [];
for (let i = 0; i < 3; i += 1) {
  const { session } = await client.send(
    new CreateStreamingSessionCommand({ studioId, launchProfileId, ownedBy: `artist${i}` }),
  );
  sessionIds.push(session.sessionId);
}
const sessionId = sessionIds[0];
out.waitSession = (
  await waitUntilStreamingSessionReady({ client, maxWaitTime: 30, minDelay: 1 }, { studioId, sessionId })
).state;
const got = (await client.send(new GetStreamingSessionCommand({ studioId, sessionId }))).session;
out.sessionState = got.state;
out.sessionTimestampsAreDates = ["createdAt", "updatedAt", "startedAt", "stopAt"].every((key) =>
  isDate(got[key]),
);

const { stream } = await client.send(
  new CreateStreamingSessionStreamCommand({ studioId, sessionId, expirationInSeconds: 120 }),
);
out.waitStream = (
  await waitUntilStreamingSessionStreamReady(wait, { studioId, sessionId, streamId: stream.streamId })
).state;
const gotStream = (
  await client.send(new GetStreamingSessionStreamCommand({ studioId, sessionId, streamId: stream.streamId }))
).stream;
out.streamHasUrl = typeof gotStream.url === "string" && gotStream.url.length > 0;
out.streamExpiresAtIsDate = isDate(gotStream.expiresAt);

const pages = [];
for await (const page of paginateListStreamingSessions({ client, pageSize: 2 }, { studioId })) {
  pages.push(page.sessions.map((s) => s.sessionId));
}
out.pages = pages;
out.sessionIds = sessionIds;

const arn = got.arn;
out.tagResponseKeys = Object.keys(
  await client.send(new TagResourceCommand({ resourceArn: arn, tags: { team: "fx" } })),
).filter((key) => key !== "$metadata");
out.tags = (await client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags;
await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ["team"] }));
out.tagsAfterUntag = (await client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags;

out.stoppingState = (await client.send(new StopStreamingSessionCommand({ studioId, sessionId }))).session.state;
out.waitStopped = (await waitUntilStreamingSessionStopped(wait, { studioId, sessionId })).state;
await client.send(new DeleteStreamingSessionCommand({ studioId, sessionId }));
out.waitDeleted = (
  await waitUntilStreamingSessionDeleted({ client, maxWaitTime: 30, minDelay: 1 }, { studioId, sessionId })
).state;

out.unknownStudio = await failure(new GetStudioCommand({ studioId: "us-west-2:stid-doesnotexist00000" }));
out.invalidInput = await failure(
  new CreateStreamingImageCommand({ studioId, name: "x".repeat(65), ec2ImageId: "ami-0123456789abcdef0" }),
);
out.conflict = await failure(
  new CreateStudioCommand({
    studioName: "jsstudio",
    displayName: "again",
    adminRoleArn: `arn:aws:iam::${account}:role/Admin`,
    userRoleArn: `arn:aws:iam::${account}:role/User`,
  }),
);

// A throttle and a 500 injected through the server's fault hook: the SDK's
// default retry strategy (3 attempts) rides both out.
const retrying = new NimbleClient({
  endpoint,
  region: "us-west-2",
  credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
});
async function injected(operation, error) {
  const response = await fetch(`${endpoint}/nimble_us-west-2/moto-api/faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ operation, error, count: 2 }),
  });
  return response.status;
}
out.throttleInjected = await injected("ListEulas", "ThrottlingException");
out.throttleAttempts = (await retrying.send(new ListEulasCommand({}))).$metadata.attempts;
out.serverErrorInjected = await injected("ListStudios", "InternalServerErrorException");
out.serverErrorAttempts = (await retrying.send(new ListStudiosCommand({}))).$metadata.attempts;

console.log(JSON.stringify(out));
