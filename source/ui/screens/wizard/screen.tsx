// The wizard as a screen of the app shell: pushed by `n` (new job) or `c` (clone) from the job
// list, or opened first when there are no jobs yet. A submitted custom job replaces it with its
// dashboard, so going back from there returns to the list, never to a review that resubmits.
import React, {useMemo} from 'react';
import {useConfirm, usePrompt} from '../../shell/dialogs.js';
import {settingsFile} from '../../../core/settings/settings-file.js';
import {safeText} from '../../../core/text/safe-text.js';
import {useAppContext} from '../../shell/session-context.js';
import {useNavigator, type ScreenDefinition} from '../../shell/navigator.js';
import {useScreenSize} from '../../shell/screen-context.js';
import type {WizardParams} from '../../shell/routes.js';
import type {JobDraft} from '../../../core/job-spec/index.js';
import {useKeyRouter} from '../../shell/keys/key-dispatcher.js';
import {KIND_LABELS} from '../../../services/jobs/job-summary.js';
import {sessionTarget, useSubmit} from './use-submit.js';
import type {WriteTarget} from './job-files.js';
import {reviewCode, validatorCode} from './lazy-code.js';
import type {Prefill} from './prefill.js';
import {Wizard} from './Wizard.js';

export type {WizardParams} from '../../shell/routes.js';

function WizardScreen({params}: {params: WizardParams}) {
  const {catalog, status, whereSources, rememberSubmitted} = useAppContext();
  const session = status.kind === 'ready' ? status.session : undefined;
  const listDatasets = useMemo(
    () =>
      session
        ? async (parent: string) => {
            const {listProjectDatasets} = await import('./dataset-list.js');
            return listProjectDatasets(session.api.datasets, parent);
          }
        : undefined,
    [session],
  );
  // The same PersistentResourceService read the resources screen makes (created on first use).
  const listResources = useMemo(
    () =>
      session
        ? async (parent: string) => {
            const {listResourcesForWizard} = await import('./resource-list.js');
            return listResourcesForWizard(session.api.persistentResources, parent);
          }
        : undefined,
    [session],
  );
  const navigator = useNavigator();
  const router = useKeyRouter();
  const {columns, rows} = useScreenSize();
  const {progress, error, submit} = useSubmit();
  const prompt = usePrompt();
  const confirm = useConfirm();
  const settingsPath = settingsFile();
  const say = (text: string) => router.say(safeText(text));
  const write = async (draft: JobDraft, target: WriteTarget) => {
    const files = await import('./job-files.js');
    const file = await prompt({label: 'Write to:', initial: files.defaultWritePath(draft, target)});
    if (!file) return;
    if (
      (await files.fileExists(file)) &&
      !(await confirm({
        title: 'Replace file',
        message: `${file} exists. Replace it?`,
        confirmLabel: 'replace',
      }))
    )
      return;
    try {
      const written =
        target === 'command'
          ? await files.writeCommandScript(draft, file)
          : await files.writeConfigFile(draft, file);
      say(`wrote ${written}`);
    } catch (failure) {
      say(`could not write ${file}: ${(failure as Error).message}`);
    }
  };
  const preset = async (draft: JobDraft) => {
    const files = await import('./job-files.js');
    const name = await prompt({label: 'Preset name:', initial: draft.displayName.slice(0, 64)});
    if (!name) return;
    try {
      say(`saved preset ${await files.savePreset(settingsPath, name, draft)}`);
    } catch (failure) {
      say(`could not save the preset: ${(failure as Error).message}`);
    }
  };
  const loadPreset = async (): Promise<Prefill | undefined> => {
    const {listPresets, loadPreset: load, PrefillError} = await import('./prefill.js');
    const names = listPresets(settingsPath);
    if (names.length === 0) {
      say('no presets saved yet → save one from the review with s');
      return undefined;
    }
    const name = await prompt({label: `Load preset (${names.join(', ')}):`, initial: names[0]});
    if (!name) return undefined;
    try {
      return load(settingsPath, name);
    } catch (failure) {
      if (failure instanceof PrefillError) say(failure.message);
      else say(`could not load the preset: ${(failure as Error).message}`);
      return undefined;
    }
  };
  const origin = params.prefill ?? params.origin;
  return (
    <Wizard
      initialDraft={params.draft}
      catalog={catalog}
      initialStep={params.step ?? 0}
      height={rows}
      width={columns}
      submitting={progress}
      submitError={error}
      settingsPath={settingsPath}
      {...(session && {previewPackages: session.previewPackages})}
      {...(listDatasets && {listDatasets})}
      {...(listResources && {listResources})}
      {...(session && {session: sessionTarget(session)!})}
      {...(whereSources && {whereSources})}
      {...(origin && {origin})}
      onLoadPreset={loadPreset}
      onWrite={(draft, target) => void write(draft, target)}
      onPreset={(draft) => void preset(draft)}
      onSubmit={(draft) =>
        void submit(draft).then((submitted) => {
          if (!submitted) return;
          rememberSubmitted?.(draft);
          if (submitted.kind === 'custom')
            navigator.replace('dashboard', {
              kind: 'custom' as const,
              resource: submitted.resource,
            });
          else {
            router.say(
              `${KIND_LABELS[submitted.kind]} ${String(submitted.resource.name ?? '')} created`,
            );
            navigator.pop();
          }
        })
      }
      onExit={navigator.pop}
    />
  );
}

export const wizardScreen: ScreenDefinition<WizardParams> = {
  id: 'wizard',
  scope: 'wizard',
  title: (params) => (params.origin ? `New job (${params.origin})` : 'New job'),
  Component: WizardScreen,
  // Opened on its review (a clone): the review's code and the validator first, so it draws at
  // once and enter meets the errors (lazy-code.ts).
  prepare: (params) =>
    params.step === -1 && !(reviewCode.current() && validatorCode.current())
      ? Promise.all([reviewCode.load(), validatorCode.load()])
      : undefined,
};
