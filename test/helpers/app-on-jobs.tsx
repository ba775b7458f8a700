// The whole App opened on the job list against a fake Vertex session, as component tests render it
// (ink-testing-library): the example draft, local-project / us-central1, the built-in catalog.
import {render} from 'ink-testing-library';
import React from 'react';
import {App} from '../../source/ui/app/App.js';
import {BUILTIN_CATALOG, exampleDraft} from '../../source/core/job-spec/index.js';
import type {Session} from '../../source/services/backend/session.js';

export function renderAppOnJobs(session: Session) {
  return render(
    <App
      initialDraft={exampleDraft({
        project: 'local-project',
        region: 'us-central1',
        packagePath: '/nowhere',
        stagingBucket: 'b',
      })}
      home="jobs"
      project="local-project"
      region="us-central1"
      backend="vertex"
      openSession={async () => session}
      onSession={() => undefined}
      loadCatalog={async () => ({catalog: BUILTIN_CATALOG, errors: []})}
      onExit={() => undefined}
    />,
  );
}
