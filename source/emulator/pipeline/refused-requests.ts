// Requests the emulator refuses on purpose (AutoML training, which only Vertex AI runs) are kept
// as received in DATA_DIR/emulator/refused/, one JSON file each, newest 50: the user (and tests)
// can see exactly what would have been sent to Vertex AI. Best effort: a write that fails never
// changes the answer the caller gets.
import fs from 'node:fs';
import path from 'node:path';
import type {RefusedRecorder} from './pipeline-service.js';

const KEEP = 50;

/** JSON for what proto-loader decodes: longs may be bigint, bytes are Buffers. */
function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value && typeof value === 'object' && (value as {type?: string}).type === 'Buffer')
    return Buffer.from((value as {data: number[]}).data).toString('base64');
  return value;
}

export function refusedRecorder(folder: string): RefusedRecorder {
  let sequence = 0;
  return (kind, request) => {
    try {
      fs.mkdirSync(folder, {recursive: true, mode: 0o700});
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(
        folder,
        `${stamp}-${String(sequence++).padStart(4, '0')}-${kind}.json`,
      );
      fs.writeFileSync(file, `${JSON.stringify(request, replacer, 2)}\n`, {mode: 0o600});
      const files = fs.readdirSync(folder).sort();
      for (const old of files.slice(0, Math.max(0, files.length - KEEP)))
        fs.rmSync(path.join(folder, old), {force: true});
    } catch {
      // Keeping a copy is a convenience; the refusal is the answer.
    }
  };
}
