// What a screen knows about its place on the stack: whether it is on top (it receives keys and
// should poll; hidden screens stay mounted so their state survives), its scope in the keymap, and
// the size it may draw in.
import {createContext, useContext} from 'react';
import type {Scope} from './keys/keymap.js';

export interface ScreenPlace {
  active: boolean;
  scope: Scope;
  columns: number;
  rows: number;
}

export const ScreenContext = createContext<ScreenPlace | undefined>(undefined);

/** True while the calling screen is on top of the stack and nothing hides it. */
export function useScreenActive(): boolean {
  return useContext(ScreenContext)?.active ?? true;
}

/** The columns and rows the calling screen may use (the shell draws hints and status). */
export function useScreenSize(): {columns: number; rows: number} {
  const place = useContext(ScreenContext);
  return {columns: place?.columns ?? 80, rows: place?.rows ?? 22};
}
