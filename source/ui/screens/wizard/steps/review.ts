// The Review step, always last: every choice, the problems and where each is fixed, the request,
// config file and gcloud command, and submit. Its screen is ReviewStep.tsx.
import {defineStep} from './field-kit.js';

export const reviewStep = defineStep({
  id: 'review',
  title: 'Review',
  kind: 'review',
  when: () => true,
  fields: [],
  claims: [],
  summary: () => '',
});
