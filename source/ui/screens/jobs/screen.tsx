// The job list as the app's home screen.
import type {ScreenDefinition} from '../../shell/navigator.js';
import {JobListScreen} from './JobListScreen.js';

export const jobListScreen: ScreenDefinition<Record<string, never>> = {
  id: 'jobs',
  scope: 'jobs',
  title: () => 'Jobs',
  Component: JobListScreen,
};
