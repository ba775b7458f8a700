// dist/THIRD_PARTY_NOTICES: the licence texts of every package the build bundled into dist/ (read
// from esbuild's metafile), so the published package keeps them although it installs none of
// these packages.
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';

const LICENCE_FILE = /^(licen[cs]e|copying|notice)(\.|-|$)/i;

/** node_modules/<package> folders of the bundle's inputs, outermost package per input. */
function bundledPackages(metafile) {
  const folders = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.replace(/\\/g, '/'));
    if (match) folders.add(match[1]);
  }
  return [...folders].sort();
}

export function thirdPartyNotices(metafile, ownName) {
  const sections = [];
  const seen = new Set();
  // Apache-2.0 asks for a copy of the licence with the work; packages that declare it without
  // shipping the file (e.g. @google-cloud/aiplatform) point to one copy at the end.
  let apacheText;
  let apacheWithoutFile = false;
  for (const folder of bundledPackages(metafile)) {
    const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
    const id = `${manifest.name}@${manifest.version}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const licence =
      typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? '');
    const texts = readdirSync(folder)
      .filter((file) => LICENCE_FILE.test(file))
      .sort()
      .map((file) => readFileSync(path.join(folder, file), 'utf8').trim());
    if (licence === 'Apache-2.0') {
      apacheText ??= texts.find((text) => /Apache License\s+Version 2\.0/.test(text));
      if (!texts.length) apacheWithoutFile = true;
    }
    sections.push(
      [
        `${id}${licence ? ` (${licence})` : ''}`,
        ...(texts.length
          ? texts
          : [
              `${manifest.name} ships no licence file; its package.json declares: ${licence}` +
                (licence === 'Apache-2.0' ? ' (the licence text is at the end of this file)' : ''),
            ]),
      ].join('\n\n'),
    );
  }
  if (apacheWithoutFile && apacheText)
    sections.push(
      `The Apache License, Version 2.0, as the bundled packages above ship it:\n\n${apacheText}`,
    );
  return (
    `${ownName} bundles the following packages into dist/. Their licence notices follow.\n\n` +
    `${sections.join(`\n\n${'-'.repeat(78)}\n\n`)}\n`
  );
}
