// Runs the built CLI in a real pseudo-terminal and reads the screen through a headless xterm,
// so assertions see exactly what a user would see.
import path from 'node:path';
import {spawn, type IPty} from 'node-pty';
import xtermHeadless from '@xterm/headless';

const {Terminal} = xtermHeadless;

export const BIN = path.resolve(import.meta.dirname, '../../bin/vtrain-tui.js');

export class PtyScreen {
  readonly pty: IPty;
  readonly terminal: InstanceType<typeof Terminal>;
  exitCode: number | undefined;
  readonly exited: Promise<number>;
  private lastWrite: Promise<void> = Promise.resolve();
  /** Every byte the app wrote, when constructed with `record` (for sequences xterm swallows). */
  output = '';

  constructor(
    args: string[],
    env: Record<string, string>,
    columns = 110,
    rows = 32,
    private readonly record = false,
  ) {
    this.terminal = new Terminal({cols: columns, rows, allowProposedApi: true});
    this.pty = spawn(process.execPath, [BIN, ...args], {
      name: 'xterm-256color',
      cols: columns,
      rows,
      cwd: process.cwd(),
      env: {...process.env, ...env} as Record<string, string>,
    });
    // xterm parses writes asynchronously, in order: the last write's callback means all is drawn.
    this.pty.onData((data) => {
      if (this.record) this.output += data;
      this.lastWrite = new Promise((resolve) => this.terminal.write(data, resolve));
    });
    this.exited = new Promise((resolve) =>
      this.pty.onExit(({exitCode}) => {
        this.exitCode = exitCode;
        // node-pty may report the exit just before the last output arrives: give it a moment,
        // then wait until xterm has drawn everything, so text() after `exited` sees it all.
        setTimeout(() => void this.lastWrite.then(() => resolve(exitCode)), 50);
      }),
    );
  }

  text(): string {
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++)
      lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n');
  }

  /** Only the visible rows (the app draws in the alternate screen). */
  screen(): string {
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < this.terminal.rows; i++)
      lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
    return lines.join('\n');
  }

  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const screen = this.screen();
      if (pattern.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`screen never showed ${pattern}:\n${screen}`);
    }
  }

  async press(keys: string, settleMs = 150): Promise<void> {
    this.pty.write(keys);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  }

  kill(): void {
    try {
      this.pty.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}
