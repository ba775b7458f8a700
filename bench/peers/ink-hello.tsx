// The framework's floor for bench/startup.mjs: the smallest Ink app that draws a first frame (one
// line in a box), bundled as dist/ is (same esbuild plugins, production React). Its first frame is
// what any Ink app pays before drawing anything of its own: node, the ESM loader, React, the
// reconciler, yoga's WebAssembly and Ink's first output pass.
import React from 'react';
import {Box, render, Text} from 'ink';

const instance = render(
  <Box borderStyle="round" paddingX={1}>
    <Text>step 1/1: hello from Ink</Text>
  </Box>,
  {exitOnCtrlC: true},
);
await instance.waitUntilExit();
