// The frame every screen lives in: the screen stack, overlays, the hint bar and the status line,
// and the terminal-size guard. When the terminal is too small the message replaces the view but
// nothing is unmounted, so every edit, scroll position and selection is still there after.
import {Box, Text} from 'ink';
import React, {useCallback, type ReactNode} from 'react';
import {KeyDispatcher} from './keys/key-dispatcher.js';
import {theme} from './theme.js';
import {MIN_COLUMNS, MIN_ROWS, useTerminalSize} from './use-terminal-size.js';
import {Help} from './Help.js';
import {HintBar} from './HintBar.js';
import {ScreenStack, type ScreenStackProps} from './navigator.js';
import {OverlayProvider, useOverlayState} from './overlays.js';
import {ScreenContext} from './screen-context.js';

export interface ShellProps {
  screens: ScreenStackProps['screens'];
  initial: ScreenStackProps['initial'];
  readOnly: boolean;
  /** The status line (backend, project, region; problems with the settings). */
  status: ReactNode;
  onQuit(): void;
}

export function Shell({screens, initial, readOnly, status, onQuit}: ShellProps) {
  const {columns, rows} = useTerminalSize();
  const overlays = useOverlayState();
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  // Hidden screens keep laying out at the smallest supported size.
  const width = Math.max(columns, MIN_COLUMNS);
  const height = Math.max(rows, MIN_ROWS);
  const full = overlays.overlays.filter((overlay) => overlay.kind === 'full').at(-1);
  const docks = overlays.overlays.filter((overlay) => overlay.kind === 'dock');
  const dockRows = docks.reduce((sum, overlay) => sum + (overlay.rows ?? 3), 0);
  const screenRows = Math.max(4, height - 2 - dockRows);
  const openHelp = useCallback(
    () => overlays.api.open({kind: 'full', render: (close) => <Help onClose={close} />}),
    [overlays.api],
  );
  const overlayPlace = {active: !tooSmall, scope: 'nav' as const, columns: width, rows: screenRows};
  return (
    <KeyDispatcher onQuit={onQuit} onHelp={openHelp} readOnly={readOnly}>
      <OverlayProvider api={overlays.api}>
        <Box flexDirection="column" width={columns} height={rows}>
          {tooSmall ? (
            <Text color={theme.status.warning} wrap="wrap">
              Terminal is {columns}×{rows}; vtrain-tui needs at least {MIN_COLUMNS}×{MIN_ROWS}.
              Enlarge the window (ctrl+c quits); nothing you did is lost.
            </Text>
          ) : null}
          <Box
            display={tooSmall ? 'none' : 'flex'}
            flexDirection="column"
            width={width}
            height={height}
          >
            <Box flexDirection="column" height={screenRows} overflow="hidden">
              <ScreenStack
                screens={screens}
                initial={initial}
                columns={width}
                rows={screenRows}
                visible={!tooSmall && !full}
                onEmpty={onQuit}
              />
              {full ? (
                <ScreenContext.Provider value={overlayPlace}>
                  {full.render(() => overlays.close(full.id))}
                </ScreenContext.Provider>
              ) : null}
            </Box>
            {docks.map((overlay) => (
              <Box key={overlay.id} flexDirection="column" height={overlay.rows ?? 3}>
                <ScreenContext.Provider value={overlayPlace}>
                  {overlay.render(() => overlays.close(overlay.id))}
                </ScreenContext.Provider>
              </Box>
            ))}
            <HintBar columns={width} />
            <Box width={width}>{status}</Box>
          </Box>
        </Box>
      </OverlayProvider>
    </KeyDispatcher>
  );
}
