// The one place that knows every screen: route names (shell/routes.ts) mapped to the screen
// definitions each screen folder exports. Adding a screen is a route and a line here. Each screen's
// code is its own chunk, loaded when the screen is first opened (issue #22: the first frame parses
// only the screens it shows; start.tsx loads those before it); see shell/lazy-screen.ts.
import {lazyScreen} from '../shell/lazy-screen.js';
import type {ScreenRegistry} from '../shell/navigator.js';
import type {RouteName} from '../shell/routes.js';

export const SCREENS: ScreenRegistry = {
  jobs: lazyScreen(async () => (await import('../screens/jobs/screen.js')).jobListScreen),
  dashboard: lazyScreen(
    async () => (await import('../screens/dashboard/screen.js')).dashboardScreen,
  ),
  wizard: lazyScreen(async () => (await import('../screens/wizard/screen.js')).wizardScreen),
  resources: lazyScreen(
    async () => (await import('../screens/resources/screen.js')).persistentResourcesScreen,
  ),
};

/** Loads the code of the screens the app opens on, so its first frame draws them at once. */
export async function loadScreens(names: readonly RouteName[]): Promise<void> {
  await Promise.all(
    names.map((name) => {
      const entry = SCREENS[name];
      return 'lazy' in entry ? entry.load() : entry;
    }),
  );
}
