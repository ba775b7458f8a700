// The log pane's JSON entries: one line (message plus the payload's other fields) by default,
// indented JSON with the prettyJson toggle; text payloads that are JSON too; nothing from a
// payload reaches the terminal as a control code. Also the entry decoding (Struct → JSON) and the
// pipeline's backing job as the dashboard reads it.
import chalk from 'chalk';
import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it, onTestFinished} from 'vitest';
import {
  jsonOf,
  payloadExtras,
  prettyJsonRows,
  searchText,
} from '../../source/ui/screens/dashboard/json-payload.js';
import {LogView, type LogToggles} from '../../source/ui/screens/dashboard/LogView.js';
import {toLogLine, type LogLine} from '../../source/services/vertex/log-line.js';
import {toProtoValue} from '../../source/core/job-spec/index.js';

const status = {
  state: 'ended',
  suppressed: 0,
  reconnects: 0,
  refusals: 0,
  reads: 1,
  late: 0,
} as const;

function entry(insertId: string, seconds: number, payload: object | string): LogLine {
  return toLogLine({
    insertId,
    timestamp: {seconds, nanos: 0},
    severity: 'INFO',
    resource: {labels: {task_name: 'workerpool0-0'}},
    ...(typeof payload === 'string'
      ? {textPayload: payload}
      : {
          jsonPayload: (toProtoValue(payload as never) as {structValue: object})
            .structValue as never,
        }),
  });
}

const lines = [
  entry('a', 1, {message: 'epoch done', loss: 0.25, shape: {rows: 3, cols: [4, 5]}}),
  entry('b', 2, '[{"trial": 1}]'),
  entry('c', 3, {message: 'bare'}),
  entry('d', 4, 'plain {not json'),
];

function view(toggles: Partial<LogToggles>, shown = lines, height = 30) {
  return (
    render(
      <LogView
        lines={shown}
        height={height}
        width={100}
        replicaColors={new Map()}
        toggles={{
          follow: true,
          wrap: false,
          timestamps: false,
          prettyJson: false,
          minSeverity: 'all',
          ...toggles,
        }}
        status={{...status, olderAvailable: false}}
        received={shown.length}
        evicted={0}
        atTop
        newerBelow={false}
      />,
    ).lastFrame() ?? ''
  );
}

describe('JSON log entries', () => {
  it('decodes a jsonPayload Struct into plain JSON on the line', () => {
    expect(lines[0]!.message).toBe('epoch done');
    expect(JSON.parse(lines[0]!.payloadJson!)).toEqual({
      message: 'epoch done',
      loss: 0.25,
      shape: {rows: 3, cols: [4, 5]},
    });
    // A payload that is only its message keeps nothing more than the message.
    expect(lines[2]!.message).toBe('bare');
    expect(lines[2]!.payloadJson).toBeUndefined();
    const noMessage = entry('e', 5, {step: 7});
    expect(noMessage.message).toBe('{"step":7}');
    expect(lines[3]!.payloadJson).toBeUndefined();
    expect(jsonOf(lines[1]!)).toEqual([{trial: 1}]);
    expect(jsonOf(lines[3]!)).toBeUndefined();
    expect(payloadExtras(lines[2]!)).toBeUndefined();
  });

  it('shows one line per entry with the other fields, then indented JSON with prettyJson', () => {
    const oneLine = view({});
    expect(oneLine).toMatch(/json one line/);
    expect(oneLine).toMatch(
      /\[workerpool0-0\]\s+epoch done \{"loss":0\.25,"shape":\{"rows":3,"cols":\[4,5\]\}\}/,
    );
    expect(oneLine).toMatch(/\[workerpool0-0\]\s+\[\{"trial": 1\}\]/);
    expect(oneLine.split('\n').filter((row) => row.trim())).toHaveLength(1 + lines.length);

    const pretty = view({prettyJson: true});
    expect(pretty).toMatch(/json pretty/);
    const rows = pretty.split('\n').slice(1);
    expect(rows.slice(0, 11).map((row) => row.trimEnd())).toEqual([
      '[workerpool0-0] {',
      '                  "message": "epoch done",',
      '                  "loss": 0.25,',
      '                  "shape": {',
      '                    "rows": 3,',
      '                    "cols": [',
      '                      4,',
      '                      5',
      '                    ]',
      '                  }',
      '                }',
    ]);
    expect(pretty).toMatch(/\[workerpool0-0\] \[\n\s+\{\n\s+"trial": 1\n\s+\}\n\s+\]/);
    expect(pretty).toMatch(/\[workerpool0-0\] plain \{not json/);
  });

  it("searches and highlights a payload's other fields too", () => {
    expect(searchText(lines[0]!)).toMatch(/^epoch done \{"message":"epoch done","loss":0\.25/);
    expect(searchText(lines[3]!)).toBe('plain {not json');
    const regex = /loss/;
    // Ink colours through its chalk (the same hoisted instance), which sees no terminal here.
    const level = chalk.level;
    chalk.level = 1;
    onTestFinished(() => {
      chalk.level = level;
    });
    for (const prettyJson of [false, true]) {
      const frame = view({prettyJson, search: {text: 'loss', regex}}, lines.slice(0, 1));
      // eslint-disable-next-line no-control-regex
      expect(frame).toMatch(/\u001b\[7m[^\u001b]*loss/);
    }
  });

  it('keeps the newest entry whole when the pane is too short for all of them', () => {
    const pretty = view({prettyJson: true}, lines.slice(0, 2), 6);
    const rows = pretty.split('\n');
    expect(rows).toHaveLength(6);
    expect(rows[1]!.trimEnd()).toBe('[workerpool0-0] [');
    expect(rows[5]!.trim()).toBe(']');
  });

  it('never lets a payload string print a control code', () => {
    const hostile = entry('h', 9, {message: 'x', note: 'red\u001b[31m\u009b2J\u202e', k: '\u0007'});
    const frame = view({prettyJson: true}, [hostile]);
    // eslint-disable-next-line no-control-regex
    expect(frame).not.toMatch(/[\u0007\u001b\u009b]/);
    expect(prettyJsonRows(jsonOf(hostile)).map((row) => row.value)).toContain('"\\u0007"');
    const flat = view({}, [hostile]);
    // eslint-disable-next-line no-control-regex
    expect(flat).not.toMatch(/[\u0007\u001b\u009b]/);
  });
});
