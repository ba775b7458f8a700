// The persistent-resources screen (from the job list: `P`).
import type {ScreenDefinition} from '../../shell/navigator.js';
import {PersistentResourcesScreen} from './PersistentResourcesScreen.js';

export const persistentResourcesScreen: ScreenDefinition<Record<string, never>> = {
  id: 'resources',
  scope: 'resources',
  title: () => 'Persistent resources',
  Component: PersistentResourcesScreen,
};
