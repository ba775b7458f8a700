// Fault injection seen through the official clients: injected UNAVAILABLE / RESOURCE_EXHAUSTED,
// the logging client's own retry recovering from a transient UNAVAILABLE, delays that trip a
// client deadline, dropped tail streams, and configuration through VTRAIN_EMULATOR_FAULTS.
import * as grpc from '@grpc/grpc-js';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startTestEmulator, waitFor, type TestEmulator} from '../helpers/emulator.js';
import {PARENT, scenarioRequest, stageScenario} from '../helpers/scenario.js';

let env: TestEmulator;
const JOB = `${PARENT}/customJobs/1`;

beforeAll(async () => {
  env = await startTestEmulator({
    queueDelayMs: 0,
    provisionDelayMs: 0,
    faults: {
      errors: [
        {method: 'GetCustomJob', code: 'UNAVAILABLE', times: 2},
        {method: 'ListLogEntries', code: 'UNAVAILABLE', times: 2},
        {method: 'ListCustomJobs', code: 'RESOURCE_EXHAUSTED'},
      ],
      delays: [{method: 'DeleteCustomJob', ms: 1500}],
      dropTailAfterEntries: 5,
    },
  });
  await stageScenario(env);
});
afterAll(async () => env?.close());

describe('fault injection', () => {
  it('fails only the first N calls of a method with the chosen code', async () => {
    // JobService.GetCustomJob is not retried by the aiplatform client (non-idempotent config).
    await expect(env.clients.jobs.getCustomJob({name: JOB})).rejects.toMatchObject({
      code: grpc.status.UNAVAILABLE,
    });
    await expect(env.clients.jobs.getCustomJob({name: JOB})).rejects.toMatchObject({
      code: grpc.status.UNAVAILABLE,
    });
    // The third call reaches the real handler.
    await expect(env.clients.jobs.getCustomJob({name: JOB})).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
    });
  });

  it('is retried by the logging client, which then succeeds', async () => {
    const request = {resourceNames: ['projects/test-project'], filter: 'severity>=ERROR'};
    // Call 1 with retries switched off sees the fault...
    await expect(
      env.clients.logging.listLogEntries(request, {
        autoPaginate: false,
        retry: {retryCodes: [], backoffSettings: {totalTimeoutMillis: 1000}} as never,
      }),
    ).rejects.toMatchObject({code: grpc.status.UNAVAILABLE});
    // ...call 2 fails too, and the client's default retry on UNAVAILABLE makes call 3, which works.
    const [entries] = await env.clients.logging.listLogEntries(request, {autoPaginate: false});
    expect(entries).toEqual([]);
  });

  it('answers RESOURCE_EXHAUSTED on every call when no count is given', async () => {
    for (let i = 0; i < 2; i++) {
      await expect(env.clients.jobs.listCustomJobs({parent: PARENT})).rejects.toMatchObject({
        code: grpc.status.RESOURCE_EXHAUSTED,
        details: expect.stringMatching(/exceed quota limits.*injected on listCustomJobs/i),
      });
    }
  });

  it('delays responses: a client deadline shorter than the delay expires', async () => {
    await expect(
      env.clients.jobs.deleteCustomJob({name: JOB}, {timeout: 300}),
    ).rejects.toMatchObject({code: grpc.status.DEADLINE_EXCEEDED});
    // With a longer deadline the same call gets through to the handler.
    await expect(
      env.clients.jobs.deleteCustomJob({name: JOB}, {timeout: 10_000}),
    ).rejects.toMatchObject({code: grpc.status.NOT_FOUND});
  });

  it('drops tail streams with UNAVAILABLE after N entries', async () => {
    const stream = env.clients.logging.tailLogEntries();
    const received: unknown[] = [];
    const errors: {code?: number}[] = [];
    stream.on('data', (response: {entries?: unknown[]}) =>
      received.push(...(response.entries ?? [])),
    );
    stream.on('error', (error: {code?: number}) => errors.push(error));
    stream.write({
      resourceNames: ['projects/test-project'],
      filter: 'textPayload:"burst line"',
      bufferWindow: {seconds: 0},
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await env.clients.jobs.createCustomJob(scenarioRequest(['sleep:1', 'burst:20']) as never);
    await waitFor(async () => (errors.length ? true : undefined), 20_000, 'the dropped stream');
    expect(errors[0]?.code).toBe(grpc.status.UNAVAILABLE);
    expect(received).toHaveLength(5);
  });
});

describe('VTRAIN_EMULATOR_FAULTS', () => {
  it('configures faults for an emulator started without the option', async () => {
    process.env.VTRAIN_EMULATOR_FAULTS = JSON.stringify({
      errors: [{method: 'getCustomJob', code: 'RESOURCE_EXHAUSTED', times: 1}],
    });
    let fromEnv: TestEmulator | undefined;
    try {
      fromEnv = await startTestEmulator();
    } finally {
      delete process.env.VTRAIN_EMULATOR_FAULTS;
    }
    await expect(fromEnv.clients.jobs.getCustomJob({name: JOB})).rejects.toMatchObject({
      code: grpc.status.RESOURCE_EXHAUSTED,
    });
    await expect(fromEnv.clients.jobs.getCustomJob({name: JOB})).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
    });
    await fromEnv.close();
  });

  it('refuses to start with a broken fault configuration', async () => {
    process.env.VTRAIN_EMULATOR_FAULTS = '{"errors":[{"method":"X","code":"NOPE"}]}';
    try {
      await expect(startTestEmulator()).rejects.toThrow(/faults\.errors\[0\].*UNAVAILABLE/);
    } finally {
      delete process.env.VTRAIN_EMULATOR_FAULTS;
    }
  });
});

describe('fault configuration checks', () => {
  it('refuses a method the emulator does not serve, naming it', async () => {
    await expect(
      startTestEmulator({faults: {errors: [{method: 'GetCustomJobs', code: 'UNAVAILABLE'}]}}),
    ).rejects.toThrow(/"GetCustomJobs".*GetCustomJob/);
  });
});
