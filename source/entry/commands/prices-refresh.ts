// `vtrain-tui prices refresh [--region R]... [--currency USD] [--api-key KEY] [--dry-run]`: reads
// Vertex AI's list prices from Google's Cloud Billing Catalog API (services/billing), turns the
// custom-training SKUs it recognises into per-machine-type and per-accelerator prices per region
// (core/job-spec/billing-sku-prices.ts) and writes them into the settings file's
// `catalog.prices`, dated today and naming the API as their source (core/settings/prices-file.ts),
// so the wizard, the dashboard and `top` price jobs the built-in table does not. SKUs of a shape
// it does not read are counted in the summary, never guessed at.
import {parseArgs} from 'node:util';
import type {MainContext} from '../main-context.js';
import {EXIT} from '../exit-codes.js';
import {settingsFile} from '../../core/settings/settings-file.js';
import {loadCatalog} from '../../core/settings/catalog-overrides.js';
import {REGION_NAME} from '../../core/job-spec/billing-sku-reading.js';
import {
  pricesFromSkus,
  type SkuPriceResult,
  type SkuSkip,
} from '../../core/job-spec/billing-sku-prices.js';
import {safeText} from '../../core/text/safe-text.js';

const USAGE =
  'Usage: vtrain-tui prices refresh [--region REGION]... [--currency USD] [--api-key KEY] [--dry-run]';

export const usage = `${USAGE}
Read Vertex AI's list prices from the Cloud Billing Catalog API (services/C7E2-9256-1C43/skus)
and write the custom-training prices it recognises (machine types: vCPUs × the family's core rate
+ memory × its RAM rate; accelerators: their own rate; Spot where the SKU's usage type is
Preemptible) into "catalog"."prices" of the settings file, dated today, with "pricesSource"
naming the API. Other settings and your own price rows are kept. Unrecognised SKUs are counted
and left out, never guessed.
  --region R     only this region (repeatable; default: every region the SKUs list)
  --currency C   the catalog's currency; the price table is in USD, so only USD for now
  --api-key KEY  an API key instead of Application Default Credentials
  --dry-run      print the summary, write nothing
Uses Application Default Credentials (\`gcloud auth application-default login\`) and
https://cloudbilling.googleapis.com/ (CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDBILLING overrides it).
Exit codes: 0 written, 1 failed or nothing recognised, 2 usage, 4 credentials or permission.
`;

function usageError(message: string): number {
  process.stderr.write(`vtrain-tui prices refresh: ${message}\n${USAGE}\n`);
  return EXIT.usage;
}

function failure(message: string, code: number): number {
  process.stderr.write(`vtrain-tui prices refresh: ${message}\n`);
  return code;
}

const SKIPPED: Record<SkuSkip, string> = {
  'not-training': 'not custom-training compute (prediction, generative AI, other products)',
  'management-fee': 'flex-start management fees (billed beside Compute Engine SKUs)',
  storage: 'disks and storage (the estimate is compute only)',
  unrecognised: 'training SKUs of a shape this version does not read',
  'usage-type': 'commitment or unclear usage types',
  unit: 'in an unexpected unit',
  price: 'with a tiered or zero price',
  currency: 'in another currency',
  region: 'in no wanted region',
  conflict: 'rates two SKUs disagree on',
  'no-machine-type': 'for machine families the catalog does not list',
  'no-accelerator': 'for accelerators that are no AcceleratorType the catalog lists',
};

const number = (value: number) => value.toLocaleString('en-US');
const plural = (value: number, word: string) => `${number(value)} ${word}${value === 1 ? '' : 's'}`;

function notUsed(result: SkuPriceResult): string[] {
  const lines = (Object.entries(result.skipped) as Array<[SkuSkip, number]>)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => `  ${number(count)} ${SKIPPED[reason]}`);
  if (result.unrecognised.length > 0)
    lines.push(
      `  e.g. ${result.unrecognised.map((text) => JSON.stringify(safeText(text))).join(', ')}`,
    );
  if (result.incompleteFamilies.length > 0)
    lines.push(
      `  families with a core or a RAM rate but not both (machines not priced): ${result.incompleteFamilies.join(', ')}`,
    );
  return lines.length > 0 ? ['Not used:', ...lines] : [];
}

export async function run(argv: string[], _context: MainContext): Promise<number> {
  let values;
  try {
    ({values} = parseArgs({
      args: argv,
      options: {
        region: {type: 'string', multiple: true},
        currency: {type: 'string'},
        'api-key': {type: 'string'},
        'dry-run': {type: 'boolean'},
      },
    }));
  } catch (error) {
    return usageError((error as Error).message);
  }
  const currency = (values.currency ?? 'USD').toUpperCase();
  if (currency !== 'USD')
    return usageError(
      `--currency ${values.currency}: the price table holds USD (usdPerHour), so only USD can be written; leave --currency out`,
    );
  const regions = values.region ?? [];
  const badRegion = regions.find((region) => !REGION_NAME.test(region));
  if (badRegion !== undefined)
    return usageError(
      `--region "${badRegion}" is not a region name; write e.g. --region us-central1`,
    );
  const apiKey = values['api-key'];
  if (apiKey !== undefined && !apiKey.trim())
    return usageError('--api-key needs a key; leave it out to use Application Default Credentials');

  const file = settingsFile();
  const [{readServiceSkus, BillingReadError, VERTEX_AI_BILLING_SERVICE}, {catalog}] =
    await Promise.all([import('../../services/billing/catalog-skus.js'), loadCatalog(file)]);
  let read;
  try {
    read = await readServiceSkus({
      service: VERTEX_AI_BILLING_SERVICE,
      currency,
      ...(apiKey && {apiKey}),
      env: process.env,
    });
  } catch (error) {
    if (error instanceof BillingReadError)
      return failure(error.message, error.credentials ? EXIT.credentials : EXIT.failed);
    throw error;
  }
  const result = pricesFromSkus(read.skus, catalog, {currency, regions});
  const host = new URL(read.endpoint.url).host;
  const out = [
    `Read ${plural(read.skus.length, 'Vertex AI SKU')} (services/${VERTEX_AI_BILLING_SERVICE}, ${currency}) from ${read.endpoint.url} in ${plural(read.pages, 'page')}.`,
  ];
  if (result.prices.length === 0) {
    process.stdout.write(`${[...out, ...notUsed(result)].join('\n')}\n`);
    return failure(
      'no custom-training price was recognised; nothing was written (the settings file is unchanged).',
      EXIT.failed,
    );
  }
  out.push(
    `Priced ${plural(result.machines, 'machine type')} and ${plural(result.accelerators, 'accelerator')} in ${plural(result.regions.length, 'region')}: ${plural(result.prices.length, 'price')}, ${number(result.spot)} with a Spot price (from ${plural(result.used, 'SKU')}).`,
  );
  const date = new Date().toISOString().slice(0, 10);
  const source = `Cloud Billing Catalog API (${host}/v1/services/${VERTEX_AI_BILLING_SERVICE}/skus, ${currency})`;
  if (values['dry-run']) {
    out.push(`Dry run: ${file} was not changed.`);
  } else {
    const {writeRefreshedPrices, PricesFileError} =
      await import('../../core/settings/prices-file.js');
    try {
      const written = writeRefreshedPrices(file, {prices: result.prices, source, date});
      out.push(
        `Wrote them to "catalog"."prices" in ${written.file} ("pricesSource": ${source}, ${date}); replaced ${number(written.replaced)} earlier and kept ${number(written.kept)} other ${written.kept === 1 ? 'entry' : 'entries'}.`,
      );
    } catch (error) {
      if (error instanceof PricesFileError) {
        process.stdout.write(`${out.join('\n')}\n`);
        return failure(error.message, EXIT.failed);
      }
      throw error;
    }
  }
  out.push(...notUsed(result));
  out.push('These are list prices: an estimate (compute only), never a bill.');
  process.stdout.write(`${out.join('\n')}\n`);
  return EXIT.ok;
}
