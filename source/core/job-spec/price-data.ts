// The built-in Vertex AI custom-training price table: list prices in USD per hour, per machine
// type and per accelerator, by region, with Spot prices where Google lists them. The app shows
// them as estimates ("list price, compute only"), never as a bill; users add or correct prices in
// their settings file (`catalog.prices`, catalog-merge.ts), and a missing entry is reported as
// "not priced", never guessed.
//
// Source: https://cloud.google.com/vertex-ai/pricing, section "Custom-trained models" (now also at
// cloud.google.com/products/gemini-enterprise-agent-platform/pricing; one region at a time, Iowa
// by default). The stored copies of that page readable here (search tool, pages corpus) stop
// before its machine-type table, so a row goes in only when public transcriptions that quote the
// table verbatim agree on it. n1-standard-4, us-central1, $0.21849885/h, no Spot price given:
//   - api-evangelist/google-vertex-ai plans/google-vertex-ai-plans-pricing.yml at commit
//     342263c39279d72204c9e1bb3058dceba0d215e1 (page read 2026-10-07; "every price_text was found
//     verbatim in the fetched page text");
//   - a Python price module quoting cloud.google.com/vertex-ai/pricing, us-central1, default table,
//     read 2026-09-08 (search index file 70399520167; the index does not name its repository);
//   - run notes quoting the custom-training table, "n1-standard-4 in Iowa (us-central1)", without
//     a savings-plan discount, checked 2026-09-06 (search index files 70871146332, 71501623026).
// Searched again 2026-12-06 (exact figures with find_string; code, docs, pages and issues
// corpora) for every other machine type and accelerator of the catalog, in every region, and for
// Spot prices: nothing else is quoted by two sources or by a stored Google page, so nothing else
// is here and those jobs are "not priced" with the reason. Left out on purpose:
//   - NVIDIA_H100_80GB (training) $9.79655057/h: first source above only, with no region named
//     (and alone it would price no job: the a3 machine types are not listed);
//   - T4 $0.4025/h and L4 $0.709/h from comments of one script, region unclear;
//   - estimates from Compute Engine prices: no Google page read states a rule relating Vertex
//     training prices to them (n1-standard-4's figure is about 1.15 × its Compute Engine price,
//     but a ratio seen once is not a documented rule), and the legacy AI Platform Training page
//     (cloud.google.com/ml-engine/docs/pricing, n1-standard-4 $0.19 in the Americas) no longer
//     matches the Vertex figure.
// The machine-readable alternative is the Cloud Billing Catalog API (GET
// https://cloudbilling.googleapis.com/v1/services/{id}/skus, `pricingInfo[].pricingExpression
// .tieredRates[].unitPrice` in units + nanos per `usageUnit` "h", `serviceRegions[]`), which
// `vtrain-tui prices refresh` reads with the user's credentials into the settings file's
// `catalog.prices` (core/job-spec/billing-sku-prices.ts). If this table grows
// past a few hundred rows, split it by machine family into price-data-<family>.ts files.
import type {CatalogSource, PriceEntry} from './catalog-types.js';

export const PRICES_SOURCE: CatalogSource = {
  source: 'https://cloud.google.com/vertex-ai/pricing (custom-trained models)',
  // The latest date the page's figures were read (see above); the page itself carries none.
  sourceDate: '2026-10-07',
  // Searched again for more rows on this date (see above).
  checked: '2026-12-06',
};

export const PRICES: PriceEntry[] = [
  {kind: 'machine', name: 'n1-standard-4', region: 'us-central1', usdPerHour: 0.21849885},
];
