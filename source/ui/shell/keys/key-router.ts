// Routes each key through the layers, highest first: ctrl+c (always quits), then overlays from
// the top (help, confirm, prompts, focused text fields: they see raw keys, so "q" or "/" can be
// typed), then the screen on top of the stack, then global commands (help). A plain class, so the
// routing rules are unit-tested without Ink. It holds the keymap the app was started with, so the
// hint bar, the help and the dialogs read the same bindings it matches keys with.
import type {Key} from 'ink';
import type {Command, Keymap, Scope} from './keymap.js';

export interface KeyEvent {
  input: string;
  key: Key;
  /** The command the key means in the layer's scope (then `nav`), if any. */
  command: Command | undefined;
}

export interface ScreenLayer {
  scope: Scope;
  handler: (command: Command) => boolean | void;
  /** Commands shown in the hint bar, in order. */
  hints: readonly Command[];
  /** Commands that do not apply right now, with the reason shown when their key is pressed. */
  disabled: Readonly<Partial<Record<Command, string>>>;
}

export interface OverlayLayer {
  scope: Scope;
  handler: (event: KeyEvent) => boolean | void;
  /** A modal layer swallows keys it does not handle; a text field lets them reach the screen. */
  modal: boolean;
  hints?: readonly Command[];
}

/** After a hold ends, how long keys may wait for the screen or overlay it opens to draw. */
const RELEASE_WAIT_MS = 150;

export interface RouterHooks {
  quit(): void;
  help(): void;
}

export class KeyRouter {
  private screen: {owner: symbol; layer: ScreenLayer} | undefined;
  /** Navigations waiting for their screen's code: keys wait with them (see hold). */
  private holds = new Set<symbol>();
  private releasedAt: number | undefined;
  private overlays: Array<{owner: symbol; layer: OverlayLayer}> = [];
  private listeners = new Set<() => void>();
  private noticeText: string | undefined;
  private noticeTimer: NodeJS.Timeout | undefined;
  readOnly = false;
  private changes = 0;

  /** Grows on every change of layers, hints or notice (for useSyncExternalStore). */
  get version(): number {
    return this.changes;
  }

  constructor(
    private hooks: RouterHooks,
    readonly keymap: Keymap,
  ) {}

  /** The latest quit/help handlers and mode from the component that owns the router. */
  configure(hooks: RouterHooks, readOnly: boolean): void {
    this.hooks = hooks;
    this.readOnly = readOnly;
  }

  setScreen(owner: symbol, layer: ScreenLayer): void {
    const changed =
      !this.screen || this.screen.owner !== owner || !sameLayer(this.screen.layer, layer);
    this.screen = {owner, layer};
    if (changed) this.notify();
  }

  clearScreen(owner: symbol): void {
    if (this.screen?.owner !== owner) return;
    this.screen = undefined;
    this.notify();
  }

  /**
   * Keys wait (apply returns false, the key queue keeps them) until `release`: a screen being
   * opened, or the code of an action, is still loading, so a key typed meanwhile belongs to what
   * comes next, not to the screen still shown. After the last release they wait on until a screen
   * or overlay has drawn (`committed`, what the release made appear) or RELEASE_WAIT_MS passed.
   */
  hold(owner: symbol): void {
    this.holds.add(owner);
  }

  release(owner: symbol): void {
    if (this.holds.delete(owner)) this.releasedAt = Date.now();
  }

  /** Holds keys while `work` runs (loads code, then opens what it loaded); see hold. */
  async holdWhile<T>(work: () => Promise<T>): Promise<T> {
    const owner = Symbol('hold');
    this.hold(owner);
    try {
      return await work();
    } finally {
      this.release(owner);
    }
  }

  /** A screen or overlay committed a render (the key dispatcher calls this). */
  committed(): void {
    this.releasedAt = undefined;
  }

  private get holding(): boolean {
    if (this.holds.size > 0) return true;
    if (this.releasedAt === undefined) return false;
    if (Date.now() - this.releasedAt < RELEASE_WAIT_MS) return true;
    this.releasedAt = undefined;
    return false;
  }

  pushOverlay(owner: symbol, layer: OverlayLayer): void {
    const existing = this.overlays.find((entry) => entry.owner === owner);
    if (existing) existing.layer = layer;
    else {
      this.overlays.push({owner, layer});
      this.notify();
    }
  }

  removeOverlay(owner: symbol): void {
    const before = this.overlays.length;
    this.overlays = this.overlays.filter((entry) => entry.owner !== owner);
    if (this.overlays.length !== before) this.notify();
  }

  /** The screen layer on top (for help and the hint bar). */
  get activeScreen(): ScreenLayer | undefined {
    return this.screen?.layer;
  }

  get topOverlay(): OverlayLayer | undefined {
    return this.overlays[this.overlays.length - 1]?.layer;
  }

  get notice(): string | undefined {
    return this.noticeText;
  }

  /** Shows a short message in the hint bar for a few seconds. */
  say(text: string): void {
    this.noticeText = text;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => {
      this.noticeText = undefined;
      this.notify();
    }, 4000);
    this.noticeTimer.unref?.();
    this.notify();
  }

  /** Hidden in this mode (read-only hides everything that changes something). */
  isHidden(command: Command): boolean {
    return this.readOnly && this.keymap.mutates(command);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    clearTimeout(this.noticeTimer);
  }

  /** Applies one key; false when no layer can take it yet (the screen is still loading). */
  apply(input: string, key: Key): boolean {
    const {keymap} = this;
    if (keymap.commandFor(input, key, ['global']) === 'app.quit') {
      this.hooks.quit();
      return true;
    }
    if (this.holding) return false;
    for (let index = this.overlays.length - 1; index >= 0; index -= 1) {
      const {layer} = this.overlays[index]!;
      const command = keymap.commandFor(input, key, [layer.scope, 'nav']);
      if (layer.handler({input, key, command})) return true;
      if (layer.modal) return true;
    }
    const screen = this.screen?.layer;
    if (!screen) return false;
    const command = keymap.commandFor(input, key, [screen.scope, 'nav', 'global']);
    if (!command) return true;
    if (this.isHidden(command)) {
      this.say(`${keymap.keyLabel(command)}: not available in read-only mode`);
      return true;
    }
    const reason = screen.disabled[command];
    if (reason) {
      this.say(`${keymap.keyLabel(command)}: ${reason}`);
      return true;
    }
    const handled = screen.handler(command);
    if (handled !== true && command === 'app.help') this.hooks.help();
    return true;
  }

  private notify(): void {
    this.changes += 1;
    for (const listener of this.listeners) listener();
  }
}

function sameLayer(a: ScreenLayer, b: ScreenLayer): boolean {
  return (
    a.scope === b.scope &&
    a.hints.join() === b.hints.join() &&
    JSON.stringify(a.disabled) === JSON.stringify(b.disabled)
  );
}
