// Explanations that used to mislead: gRPC's message size limit was called "a quota or rate
// limit", a refused loopback connection "the network (proxy, VPN, firewall)", and a failed
// service start was cut off after "before it was ready:".
import {describe, expect, it} from 'vitest';
import {explainApiError, formatExplained} from '../../source/services/vertex/explain-error.js';
import {explainApiError as explainSubmit} from '../../source/services/vertex/explain-api-error.js';
import {startFailureReason} from '../../source/services/backend/local-service.js';

describe('a message over the gRPC size limit', () => {
  // grpc-js stream-decoder.js: `Received message larger than max (${size} vs ${limit})`.
  const received = {
    code: 8,
    message: '8 RESOURCE_EXHAUSTED: Received message larger than max (5242980 vs 4194304)',
    details: 'Received message larger than max (5242980 vs 4194304)',
  };

  it('is a request too large, with both sizes and the limit, not a quota', () => {
    const explained = explainApiError(received);
    expect(explained.kind).toBe('too-large');
    expect(explained.summary).toBe(
      'The request is too large for the service (5 MiB, over the 4 MiB gRPC message limit); this is not a quota',
    );
    expect(explained.nextStep).toMatch(/Cloud Storage/);
    expect(explained.exitCode).toBe(2);
    expect(formatExplained(explained)).not.toMatch(/quota or rate limit/);
  });

  it('submit says the same, with exit 2 (an invalid job)', () => {
    const failure = explainSubmit(received);
    expect(failure.message).toMatch(/request is too large.*4 MiB gRPC message limit/);
    expect(failure.exitCode).toBe(2);
  });

  it('an answer too large to send asks for less', () => {
    // grpc-js server-interceptors.js: `Sent message larger than max (${n} vs. ${limit})`.
    const explained = explainApiError({
      code: 8,
      details: 'Sent message larger than max (9000000 vs. 4194304)',
    });
    expect(explained.summary).toMatch(/answer is too large to send \(8\.6 MiB, over the 4 MiB/);
    expect(explained.exitCode).toBe(1);
  });

  it('a real quota is still a quota', () => {
    expect(explainApiError({code: 8, details: 'Too many requests'}).kind).toBe('quota');
  });
});

describe('connection refused on loopback', () => {
  it('names the local emulator service and how to check it, not the network', () => {
    for (const address of ['127.0.0.1:40123', '::1:40123']) {
      const explained = explainApiError({
        code: 14,
        message: `14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED ${address}. Resolution note: `,
      });
      expect(explained.summary).toBe(
        `The local emulator service is not answering on ${address} (connection refused): it stopped or is restarting`,
      );
      expect(explained.nextStep).toMatch(/`vtrain-tui emulator status`/);
      expect(formatExplained(explained)).not.toMatch(/proxy|VPN|firewall/);
    }
  });

  it('a refused remote endpoint is still a network problem', () => {
    const explained = explainApiError({
      code: 14,
      details: 'No connection established. Last error: connect ECONNREFUSED 10.1.2.3:443',
    });
    expect(explained.nextStep).toMatch(/proxy, VPN, firewall/);
  });
});

describe('the reason a service start failed', () => {
  it("is the service's own last message, without its timestamp", () => {
    const tail = [
      '2026-12-06T05:00:00.000Z vtrain-tui emulator: replicas run with "nope", which was not found on PATH. Install Python 3 or pass --python.',
    ].join('\n');
    expect(startFailureReason(tail)).toBe(
      'replicas run with "nope", which was not found on PATH. Install Python 3 or pass --python.',
    );
  });

  it("is a crash's error line, not its stack", () => {
    const tail = [
      '2026-12-06T05:00:00.000Z vtrain-tui emulator: a previous service stopped without settling 1 job(s)',
      'node:internal/fs/utils:351',
      '    throw err;',
      '    ^',
      '',
      'Error: ENOSPC: no space left on device, write',
      '    at Object.writeSync (node:fs:939:3)',
      '    at RecordStore.put (file:///x/dist/cli.js:1:2)',
      '{',
      "  errno: -28, code: 'ENOSPC', syscall: 'write'",
      '}',
      '',
      'Node.js v20.19.0',
    ].join('\n');
    expect(startFailureReason(tail)).toBe('Error: ENOSPC: no space left on device, write');
  });

  it('is the last line otherwise, and nothing for an empty log', () => {
    expect(startFailureReason('something odd\nSegmentation fault')).toBe('Segmentation fault');
    expect(startFailureReason('  \n')).toBeUndefined();
  });
});
