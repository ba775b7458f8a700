// Live view of one job: header (state and time in state from the job's timestamps), the replica
// table, the failure panel when it failed, and the log pane over the engine's bounded store. All
// keys come from the keymap (scope 'dashboard'); actions that change something go through the
// shell's confirmations (useJobActions).
import {Box, Text} from 'ink';
import React, {useMemo, useState} from 'react';
import {useCommands, useKeyRouter} from '../../shell/keys/key-dispatcher.js';
import type {Command} from '../../shell/keys/keymap.js';
import {usePrompt} from '../../shell/dialogs.js';
import {useScreenActive} from '../../shell/screen-context.js';
import {theme} from '../../shell/theme.js';
import {isTerminalState} from '../../../core/job-spec/index.js';
import {cancelUnavailable, useJobActions, type JobRef} from '../../job-actions/use-job-actions.js';
import {severityLevel} from '../../../services/vertex/log-line.js';
import {saveLog} from '../../../services/logs/save-log.js';
import type {JobKind, ResourceMessage} from '../../../services/vertex/api.js';
import {consoleUrl} from '../../../services/vertex/console-url.js';
import type {JobSnapshot} from '../../../services/vertex/job-snapshot.js';
import type {Session} from '../../../services/backend/session.js';
import {analyseFailure, lastTraceback} from './failure.js';
import {FailurePanel, failurePanelHeight} from './FailurePanel.js';
import {backendLabel, JobHeader} from './JobHeader.js';
import {payloadExtras, searchText} from './json-payload.js';
import {passes, type LineFilter} from './log-window.js';
import {LogView} from './LogView.js';
import {replicaColor, ReplicaTable} from './ReplicaTable.js';
import {replicaRows} from './replica-status.js';
import {parseSearch} from './search.js';
import {useClock} from '../../shell/use-clock.js';
import {useJobLogs} from './use-job-logs.js';
import {useJobWatch} from './use-job-watch.js';
import {useLogNavigation} from './use-log-navigation.js';
import {trialSnapshot} from './trials.js';

export interface DashboardProps {
  session: Session;
  kind: JobKind;
  initialJob: JobSnapshot;
  /** One trial of a tuning job: its replicas and logs. */
  trialId?: string;
  columns: number;
  rows: number;
  onBack: () => void;
  /** Opened for its logs (`l` in the job list): the log pane has the whole screen. */
  logsFirst?: boolean;
  /**
   * The job the actions (cancel, clone, describe, copy) act on when it is not this one: a
   * pipeline's, whose backing job this dashboard shows.
   */
  actionTarget?: {job: JobRef; pollSoon(): void};
  /** What this job belongs to, for the header ("backing job of pipeline …"). */
  relation?: string;
}

const SEVERITY_STEPS = ['DEFAULT', 'INFO', 'WARNING', 'ERROR'] as const;

export function Dashboard({
  session,
  kind,
  initialJob,
  trialId,
  columns,
  rows,
  onBack,
  logsFirst = false,
  actionTarget,
  relation,
}: DashboardProps) {
  const active = useScreenActive();
  const watch = useJobWatch(
    session,
    kind,
    initialJob,
    active,
    trialId ? (job) => trialSnapshot(job.resource as ResourceMessage, trialId) : undefined,
  );
  const job = watch.job;
  const {engine} = useJobLogs(session, job, trialId);
  const now = useClock();
  const router = useKeyRouter();
  const prompt = usePrompt();
  const actions = useJobActions(() => {
    watch.pollSoon();
    actionTarget?.pollSoon();
  });
  const [focus, setFocus] = useState<'logs' | 'replicas'>('logs');
  const [selected, setSelected] = useState(0);
  const [onlySelected, setOnlySelected] = useState(false);
  const [wrap, setWrap] = useState(false);
  const [timestamps, setTimestamps] = useState(false);
  const [prettyJson, setPrettyJson] = useState(false);
  const [maximized, setMaximized] = useState(logsFirst);
  const [severityStep, setSeverityStep] = useState(0);
  const [search, setSearch] = useState<{text: string; regex?: RegExp; error?: string}>();

  const store = engine.store;
  const status = engine.status();
  const replicas = replicaRows(
    job.jobSpec.workerPoolSpecs ?? [],
    job.state,
    job.error?.message,
    store.counters(),
    store.replicaEvents().all(),
  );
  const selectedRow = replicas[Math.min(selected, replicas.length - 1)];
  const colors = useMemo(() => {
    const map = new Map<string, string>();
    replicas.forEach((row, index) => map.set(row.name, replicaColor(index)));
    map.set('service', theme.text.muted);
    return map;
  }, [replicas.length]); // eslint-disable-line react-hooks/exhaustive-deps
  const report =
    job.state === 'JOB_STATE_FAILED' && job.error ? analyseFailure(job.error) : undefined;
  const traceback = report?.replica ? lastTraceback(store, report.replica) : undefined;

  const minSeverity = SEVERITY_STEPS[severityStep]!;
  const filter: LineFilter = {
    minLevel: Math.max(0, severityLevel(minSeverity)),
    ...(onlySelected && selectedRow && {replica: selectedRow.name}),
  };
  const headerHeight = watch.pollError ? 3 : 2;
  const tableHeight = Math.min(replicas.length, Math.max(3, Math.floor(rows / 4)));
  const showTable = !maximized && replicas.length > 0;
  const showPanel = Boolean(report) && !maximized;
  const panelHeight = showPanel && report ? failurePanelHeight(report, traceback) + 1 : 0;
  const logHeight = Math.max(
    5,
    rows - headerHeight - 1 - (showTable ? tableHeight + 1 + 1 : 0) - panelHeight,
  );
  const nav = useLogNavigation(engine, filter, logHeight - 1, (text) => router.say(text));
  const {window} = nav;

  const jobRef: JobRef = actionTarget?.job ?? {
    kind,
    name: job.name,
    displayName: job.displayName,
    state: job.state,
    resource: job.resource as ResourceMessage,
  };
  const cancelWhy = cancelUnavailable(jobRef);

  const save = async (all: boolean) => {
    const target = await prompt({
      label: all ? 'save every line to' : 'save the shown lines to',
      initial: `vtrain-${job.id}-logs.txt`,
    });
    if (!target) return;
    const held = all ? store.lines() : [...store.lines()].filter((line) => passes(line, filter));
    // As the pane shows them: a jsonPayload's other fields after its message.
    const lines = (function* () {
      for (const line of held) {
        const extras = payloadExtras(line);
        yield extras ? {...line, message: `${line.message} ${extras}`} : line;
      }
    })();
    try {
      const written = await saveLog(target, lines);
      router.say(`saved to ${written}`);
    } catch (error) {
      router.say(`could not save: ${(error as Error).message}`);
    }
  };
  const askSearch = async () => {
    const text = await prompt({label: 'search (text or /regex/)', initial: search?.text ?? ''});
    if (text === undefined) return;
    if (text === '') {
      setSearch(undefined);
      return;
    }
    const parsed = parseSearch(text);
    setSearch({text, ...parsed});
    if (parsed.regex) nav.find(-1, (l) => parsed.regex!.test(searchText(l)), 'match');
    else router.say(parsed.error ?? '');
  };

  useCommands(
    (command: Command) => {
      switch (command) {
        case 'nav.back':
          onBack();
          return;
        case 'nav.up':
        case 'nav.down': {
          const step = command === 'nav.up' ? -1 : 1;
          if (focus === 'replicas')
            setSelected((index) => Math.max(0, Math.min(replicas.length - 1, index + step)));
          else nav.scroll(-step);
          return;
        }
        case 'logs.scrollUp':
        case 'nav.pageUp':
          if (focus === 'replicas') setSelected((index) => Math.max(0, index - tableHeight));
          else nav.scroll(logHeight - 2);
          return;
        case 'logs.scrollDown':
        case 'nav.pageDown':
          if (focus === 'replicas')
            setSelected((index) => Math.min(replicas.length - 1, index + tableHeight));
          else nav.scroll(-(logHeight - 2));
          return;
        case 'nav.top':
          if (focus === 'replicas') {
            setSelected(0);
            return;
          }
          nav.top();
          return;
        case 'nav.bottom':
          if (focus === 'replicas') {
            setSelected(Math.max(0, replicas.length - 1));
            return;
          }
          nav.follow();
          return;
        case 'logs.follow':
          nav.follow();
          return;
        case 'dash.focus':
          if (!showTable) return; // disabled, with the reason, below
          setFocus((value) => (value === 'logs' ? 'replicas' : 'logs'));
          return;
        case 'logs.maximize':
          setMaximized((value) => !value);
          setFocus('logs');
          return;
        case 'logs.prettyJson':
          setPrettyJson((value) => !value);
          return;
        // enter is `trials.open` in the dashboard scope (it shadows nav.confirm there); on the
        // replica table it shows that replica's logs.
        case 'nav.confirm':
        case 'trials.open':
          if (focus === 'replicas') {
            setOnlySelected(true);
            setFocus('logs');
            nav.follow();
          }
          return;
        case 'logs.scope':
          setOnlySelected((value) => !value);
          nav.follow();
          return;
        case 'logs.wrap':
          setWrap((value) => !value);
          return;
        case 'logs.timestamps':
          setTimestamps((value) => !value);
          return;
        case 'logs.severity':
          setSeverityStep((step) => (step + 1) % SEVERITY_STEPS.length);
          nav.follow();
          return;
        case 'logs.search':
          void askSearch();
          return;
        case 'logs.nextMatch':
        case 'logs.prevMatch': {
          const regex = search?.regex;
          if (!regex) {
            router.say('no search yet: / searches');
            return;
          }
          const direction = command === 'logs.nextMatch' ? 1 : -1;
          nav.find(direction, (l) => regex.test(searchText(l)), 'more matches');
          return;
        }
        case 'logs.nextError':
        case 'logs.prevError': {
          const direction = command === 'logs.nextError' ? 1 : -1;
          nav.find(direction, (l) => l.level >= 500, 'more error lines');
          return;
        }
        case 'logs.traceback':
          if (traceback?.[0]) {
            setOnlySelected(false);
            nav.jumpTo(traceback[0], 'traceback');
          } else router.say('no traceback found in the failed replica’s logs');
          return;
        case 'logs.save':
        case 'logs.saveAll':
          void save(command === 'logs.saveAll');
          return;
        case 'job.cancel':
          void actions.cancel(jobRef);
          return;
        case 'job.clone':
          actions.clone(jobRef);
          return;
        case 'job.describe':
          actions.describe(jobRef);
          return;
        case 'job.copyName':
          actions.copyName(jobRef);
          return;
      }
    },
    {
      hints: [
        'nav.back',
        ...(maximized ? (['logs.maximize'] as const) : (['dash.focus'] as const)),
        'logs.search',
        'logs.nextError',
        ...(traceback ? (['logs.traceback'] as const) : []),
        'logs.follow',
        'logs.scope',
        'logs.severity',
        'logs.save',
        'job.cancel',
        'job.describe',
      ],
      disabled: {
        ...(cancelWhy && {'job.cancel': cancelWhy}),
        ...(!showTable && {
          'dash.focus': maximized
            ? 'the logs have the whole screen (m shows the replica table)'
            : 'this job has no replicas to list',
        }),
        ...(!traceback && {'logs.traceback': 'no failed replica with a traceback'}),
        ...(!search?.regex && {
          'logs.nextMatch': 'search first (/)',
          'logs.prevMatch': 'search first (/)',
        }),
      },
    },
  );

  const url = session.backend.kind === 'local' ? undefined : consoleUrl(kind, job.name);
  return (
    <Box flexDirection="column" height={rows} width={columns}>
      <JobHeader
        job={job}
        kind={kind}
        now={now}
        backendLabel={backendLabel(session)}
        {...(url && {consoleUrl: url})}
        {...(watch.pollError && {pollError: watch.pollError})}
        {...(relation && {relation})}
      />
      {showTable ? (
        <Box marginTop={1}>
          <ReplicaTable
            rows={replicas}
            now={now}
            height={tableHeight}
            selected={Math.min(selected, Math.max(0, replicas.length - 1))}
            focused={focus === 'replicas'}
            atLeast={status.olderAvailable}
            columns={columns}
          />
        </Box>
      ) : null}
      {report && showPanel ? (
        <Box marginTop={1}>
          <FailurePanel report={report} traceback={traceback} />
        </Box>
      ) : null}
      <Box marginTop={1}>
        <LogView
          lines={window.lines}
          height={logHeight}
          width={columns}
          replicaColors={colors}
          toggles={{
            follow: nav.following,
            ...(filter.replica && {replica: filter.replica}),
            wrap,
            timestamps,
            prettyJson,
            minSeverity: minSeverity === 'DEFAULT' ? 'all' : minSeverity,
            ...(search && {search}),
          }}
          status={status}
          received={store.received}
          evicted={store.evicted}
          {...(nav.mark && {mark: nav.mark})}
          atTop={window.atTop}
          newerBelow={!window.atBottom}
        />
      </Box>
      {isTerminalState(job.state) && status.state === 'ended' && store.received === 0 ? (
        <Text color={theme.text.muted}>This job wrote no log lines.</Text>
      ) : null}
    </Box>
  );
}
