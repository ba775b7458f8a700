// The one place that knows every screen: route names (shell/routes.ts) mapped to the screen
// definitions each screen folder exports. Adding a screen is a route and a line here.
import type {ScreenRegistry} from '../shell/navigator.js';
import {dashboardScreen} from '../screens/dashboard/screen.js';
import {jobListScreen} from '../screens/jobs/screen.js';
import {wizardScreen} from '../screens/wizard/screen.js';
import {persistentResourcesScreen} from '../screens/resources/screen.js';

export const SCREENS: ScreenRegistry = {
  jobs: jobListScreen,
  dashboard: dashboardScreen,
  wizard: wizardScreen,
  resources: persistentResourcesScreen,
};
